package io.pushrelay.broker;

import io.pushrelay.message.Outbound;
import org.apache.camel.Exchange;

/**
 * Turns an {@link Outbound} into the exchange the publish route sends: the JSON body, the JMS properties, and the
 * queue as an exchange property (not a header, so it does not travel as a JMS property).
 */
public final class OutboundPublisher {

    public static final String QUEUE = "pushrelayQueue";

    public void prepare(Exchange exchange) {
        Outbound outbound = exchange.getMessage().getBody(Outbound.class);
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeaders(new java.util.HashMap<>(outbound.properties()));
        exchange.getMessage().setBody(outbound.body());
        exchange.setProperty(QUEUE, outbound.queue());
    }
}
