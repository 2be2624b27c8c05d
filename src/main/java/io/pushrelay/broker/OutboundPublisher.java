package io.pushrelay.broker;

import java.util.HashMap;
import java.util.Map;

import jakarta.jms.JMSException;

import io.pushrelay.message.Outbound;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQDestination;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsBinding;
import org.apache.camel.component.jms.JmsConstants;
import org.apache.camel.component.jms.JmsMessage;
import org.apache.camel.support.DefaultMessage;

/**
 * Turns an {@link Outbound} into the exchange the publish route sends: the JSON body, the JMS properties, and the
 * destination in camel-jms's destination headers (which camel-jms takes off before sending), so that one static
 * endpoint serves every queue without a dynamic endpoint lookup per message. A queue travels by name; a destination
 * in qualified form ({@code topic://…}, {@code temp-queue://…}) as a destination of that kind.
 *
 * <p>An outbound that keeps a received message becomes a camel-jms message around it, which the endpoint's
 * {@code forceSendOriginalMessage} sends as it is: every other outbound is a new plain message, which camel-jms
 * turns into a new JMS message.
 */
public final class OutboundPublisher {

    static final String REPLY_TO = "JMSReplyTo";
    /** The outbound being sent, for {@link #undeliverable} when its destination turns out not to exist. */
    static final String OUTBOUND = "pushrelay.outbound";

    private final JmsBinding binding = new JmsBinding();

    public void prepare(Exchange exchange) throws JMSException {
        Outbound outbound = exchange.getMessage().getBody(Outbound.class);
        exchange.setProperty(OUTBOUND, outbound);
        if (outbound.original() != null) {
            // a received message's JMS properties are read-only; its core message takes the added ones
            ClientMessage core = ((ActiveMQMessage) outbound.original()).getCoreMessage();
            outbound.properties().forEach(core::putObjectProperty);
            JmsMessage kept = new JmsMessage(exchange, outbound.original(), null, binding);
            exchange.setMessage(kept);
            destination(kept, outbound.queue());
            return;
        }
        DefaultMessage message = new DefaultMessage(exchange);
        Map<String, Object> headers = new HashMap<>(outbound.properties());
        // a reply destination named in an outbound message travels as the JMS header, which takes a destination
        if (headers.get(REPLY_TO) instanceof String name) {
            headers.put(REPLY_TO, destination(name));
        }
        message.setHeaders(headers);
        message.setBody(outbound.body());
        exchange.setMessage(message);
        destination(message, outbound.queue());
    }

    /**
     * The reply whose destination does not exist (and cannot be made) or does not take its kind of routing: sent to
     * the topic of that name when a bare name turns out to be a multicast address, else kept on {@code push.invalid}
     * with {@code Reason=ReplyUndeliverable}, with the reply's body and properties.
     */
    public void undeliverable(Exchange exchange, String invalidQueue) throws JMSException {
        Outbound failed = exchange.getProperty(OUTBOUND, Outbound.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (failed.queue().equals(invalidQueue)) {
            throw new IllegalStateException("The queue " + invalidQueue + " cannot be sent to", cause);
        }
        if (!failed.queue().contains("://") && cause != null && String.valueOf(cause.getMessage()).contains("ANYCAST")) {
            // a bare name (a STOMP or plain AMQP reply-to) whose address takes only multicast: a topic is meant
            Outbound toTopic = new Outbound(ActiveMQDestination.TOPIC_QUALIFIED_PREFIX + failed.queue(), failed.body(),
                    failed.properties(), failed.original());
            exchange.getMessage().setBody(toTopic);
            prepare(exchange);
            return;
        }
        Outbound kept = Outbound.of(invalidQueue, failed.body());
        kept.properties().putAll(failed.properties());
        kept.with("Reason", "ReplyUndeliverable").with("ReasonText", "The reply could not be sent to " + failed.queue()
                + ": " + (cause == null ? "" : cause.getMessage()));
        exchange.getMessage().setBody(kept);
        prepare(exchange);
    }

    private static void destination(org.apache.camel.Message message, String name) {
        if (name.contains("://")) {
            message.setHeader(JmsConstants.JMS_DESTINATION, ActiveMQDestination.fromPrefixedName(name));
        } else {
            message.setHeader(JmsConstants.JMS_DESTINATION_NAME, name);
        }
    }

    /** A destination in qualified form as of its kind; a bare name is a queue. */
    private static ActiveMQDestination destination(String name) {
        return name.contains("://") ? ActiveMQDestination.fromPrefixedName(name) : ActiveMQDestination.createQueue(name);
    }
}
