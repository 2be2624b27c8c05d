package io.pushrelay.broker;

import java.util.HashMap;
import java.util.Map;

import io.pushrelay.message.Outbound;
import org.apache.activemq.artemis.jms.client.ActiveMQDestination;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsConstants;

/**
 * Turns an {@link Outbound} into the exchange the publish route sends: the JSON body, the JMS properties, and the
 * queue in camel-jms's destination header (which camel-jms takes off before sending), so that one static endpoint
 * serves every queue without a dynamic endpoint lookup per message.
 */
public final class OutboundPublisher {

    static final String REPLY_TO = "JMSReplyTo";

    public void prepare(Exchange exchange) {
        Outbound outbound = exchange.getMessage().getBody(Outbound.class);
        exchange.getMessage().getHeaders().clear();
        Map<String, Object> headers = new HashMap<>(outbound.properties());
        // a reply queue named in an outbound message travels as the JMS header, which takes a destination
        if (headers.get(REPLY_TO) instanceof String queue) {
            headers.put(REPLY_TO, ActiveMQDestination.createQueue(queue));
        }
        headers.put(JmsConstants.JMS_DESTINATION_NAME, outbound.queue());
        exchange.getMessage().setHeaders(headers);
        exchange.getMessage().setBody(outbound.body());
    }
}
