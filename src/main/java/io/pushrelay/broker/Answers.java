package io.pushrelay.broker;

import jakarta.jms.Destination;

import io.pushrelay.broker.Envelope;
import io.pushrelay.message.Json;
import org.apache.activemq.artemis.jms.client.ActiveMQDestination;
import org.apache.camel.Exchange;

/**
 * What the {@code answer} route (publish.camel.yaml) needs to answer a request: where the answer goes and with which
 * correlation id (the caller's {@code ReplyTo} and {@code CorrelationId} exchange properties, else the received
 * message's envelope, {@link Envelope#PROPERTY}). Properties, not headers: a sender cannot set them, so no request
 * can send its answer elsewhere by naming a property, the destination of that kind, and the body as JSON text.
 */
public final class Answers {

    /** The exchange property the answer route keeps the reply destination in, once its headers are cleared. */
    static final String TO = "AnswerTo";
    /** The exchange properties a caller sets to answer elsewhere than the received message's reply destination. */
    static final String REPLY_TO = "ReplyTo";
    static final String CORRELATION_ID = "CorrelationId";

    private Answers() {
    }

    /** The reply destination in qualified form, or a bare name; null when the request asked for no answer. */
    public static String replyTo(Exchange exchange) {
        String named = exchange.getProperty(REPLY_TO, String.class);
        Envelope received = exchange.getProperty(Envelope.PROPERTY, Envelope.class);
        return named != null ? named : received == null ? null : received.replyTo();
    }

    /** The caller's CorrelationId when it names the ReplyTo (it may have none), else the envelope's. */
    public static String correlationId(Exchange exchange) {
        if (exchange.getProperty(REPLY_TO) != null) {
            return exchange.getProperty(CORRELATION_ID, String.class);
        }
        Envelope received = exchange.getProperty(Envelope.PROPERTY, Envelope.class);
        return received == null ? null : received.correlationId();
    }

    /** A destination in qualified form as of its kind ({@code topic://}, {@code temp-queue://}, …); a bare name is a queue. */
    public static Destination destination(String name) {
        return name.contains("://") ? ActiveMQDestination.fromPrefixedName(name) : ActiveMQDestination.createQueue(name);
    }

    /** The topic of a bare name. */
    public static Destination topic(String name) {
        return ActiveMQDestination.createTopic(name);
    }

    /**
     * Whether the send failed because a bare name (a STOMP or plain AMQP reply-to) is an address that takes only
     * multicast: a topic is meant.
     */
    public static boolean multicastOnly(Exchange exchange) {
        String to = exchange.getProperty(TO, String.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        return !to.contains("://") && cause != null && String.valueOf(cause.getMessage()).contains("ANYCAST");
    }

    /** The answer as JSON text; text is taken to be JSON already. */
    public static String json(Object answer) {
        return answer instanceof String text ? text : Json.write(answer);
    }
}
