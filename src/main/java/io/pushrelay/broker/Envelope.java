package io.pushrelay.broker;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import io.pushrelay.database.Keys;
import io.pushrelay.message.RejectedRequest;
import org.apache.activemq.artemis.jms.client.ActiveMQDestination;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsMessage;

/**
 * What the gateway takes from a received message, read once, whatever protocol its sender spoke (contract §3.1):
 * the sender's own message id, a key that tells a broker redelivery from a resend, the correlation id and reply
 * destination of its answer, and its body as text, or why the body cannot be read. The message itself is kept, so
 * that a rejection can be parked on {@code push.invalid} exactly as it came, body and properties.
 *
 * <p>The core side of a message shows its sender's id differently per protocol: a core JMS sender's is its
 * {@code JMSMessageID}; an AMQP sender's {@code message-id} is the property {@code NATIVE_MESSAGE_ID} (the core
 * {@code JMSMessageID} of an AMQP message is made anew on every delivery); an OpenWire sender's is
 * {@code __HDR_MESSAGE_ID}; a STOMP send has none.
 */
public record Envelope(Message original, String senderId, String deliveryKey, String correlationId, String replyTo,
        String text, RejectedRequest unreadable) {

    /** The exchange property that holds the envelope of the message a route received. */
    public static final String PROPERTY = "pushrelay.envelope";

    /** The longest id the request ledger keeps as it is (the RequestId's limit). */
    static final int MAX_ID_LENGTH = 256;
    static final String AMQP_MESSAGE_ID = "NATIVE_MESSAGE_ID";
    static final String OPENWIRE_MESSAGE_ID = "__HDR_MESSAGE_ID";
    /** Set by the broker on every message it converted from AMQP. */
    static final String AMQP_ENCODING = "JMS_AMQP_ORIGINAL_ENCODING";
    /** How the broker writes a typed AMQP message-id as a string (the convention of qpid-jms). */
    private static final String[] AMQP_ID_PREFIXES = {"ID:AMQP_NO_PREFIX:", "ID:AMQP_STRING:", "ID:AMQP_UUID:", "ID:AMQP_ULONG:"};

    /** The route step that starts every input route: the received message's envelope becomes the body. */
    public static Envelope read(Exchange exchange) throws JMSException {
        return of(exchange);
    }

    /** The envelope of the message this exchange received, read now unless a route step read it before. */
    public static Envelope of(Exchange exchange) throws JMSException {
        Envelope envelope = exchange.getProperty(PROPERTY, Envelope.class);
        if (envelope == null) {
            envelope = of(exchange.getIn(JmsMessage.class).getJmsMessage());
            exchange.setProperty(PROPERTY, envelope);
        }
        return envelope;
    }

    public static Envelope of(Message message) throws JMSException {
        String senderId = senderId(message);
        String deliveryKey = senderId != null ? fitting(senderId) : "broker:" + brokerMessageId(message);
        String correlation = message.getJMSCorrelationID() != null ? message.getJMSCorrelationID() : senderId;
        String text = null;
        RejectedRequest unreadable = null;
        if (message instanceof TextMessage t) {
            text = t.getText() == null ? "" : t.getText();
        } else if (message instanceof BytesMessage b) {
            b.reset();
            byte[] bytes = new byte[(int) b.getBodyLength()];
            b.readBytes(bytes);
            b.reset();
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                unreadable = new RejectedRequest("InvalidEncoding", "The BytesMessage body is not valid UTF-8 ("
                        + e.getMessage() + "); a request is JSON text in UTF-8");
            }
        } else if (message instanceof MapMessage || message instanceof ObjectMessage || message instanceof StreamMessage) {
            unreadable = new RejectedRequest("UnsupportedBody", "The body is a " + kind(message) + ", neither text nor "
                    + "bytes; send the JSON request as a TextMessage or a BytesMessage in UTF-8 (an AMQP string or binary)");
        } else {
            text = "";
        }
        return new Envelope(message, senderId, deliveryKey, correlation, destination(message.getJMSReplyTo()), text,
                unreadable);
    }

    /**
     * The request's identity when neither its body nor its properties name one: its sender's message id as the
     * sender set it, else one made here.
     */
    public String identity() {
        if (senderId == null) {
            return UUID.randomUUID().toString();
        }
        for (String prefix : AMQP_ID_PREFIXES) {
            if (senderId.startsWith(prefix)) {
                return fitting(senderId.substring(prefix.length()));
            }
        }
        return fitting(senderId);
    }

    /** An id as kept in the ledgers: itself, or its hash when it is longer than a RequestId may be (AMQP allows it). */
    private static String fitting(String id) {
        return id.length() <= MAX_ID_LENGTH ? id : "sha256:" + Keys.of(id);
    }

    /** The body as text; a body that is not text, or not UTF-8, is rejected. */
    public String body() throws RejectedRequest {
        if (unreadable != null) {
            throw unreadable;
        }
        return text;
    }

    public String property(String name) throws JMSException {
        return original.propertyExists(name) ? original.getStringProperty(name) : null;
    }

    /**
     * A destination as a string that keeps its kind, in Artemis's qualified form ({@code queue://}, {@code topic://},
     * {@code temp-queue://}, {@code temp-topic://}); a bare name when the sender gave only an address.
     */
    public static String destination(Destination destination) throws JMSException {
        if (destination instanceof TemporaryQueue q) {
            return ActiveMQDestination.TEMP_QUEUE_QUALIFED_PREFIX + q.getQueueName();
        }
        if (destination instanceof TemporaryTopic t) {
            return ActiveMQDestination.TEMP_TOPIC_QUALIFED_PREFIX + t.getTopicName();
        }
        if (destination instanceof Queue q) {
            return ActiveMQDestination.QUEUE_QUALIFIED_PREFIX + q.getQueueName();
        }
        if (destination instanceof Topic t) {
            return ActiveMQDestination.TOPIC_QUALIFIED_PREFIX + t.getTopicName();
        }
        return destination instanceof ActiveMQDestination d ? d.getAddress() : null;
    }

    private static String senderId(Message message) throws JMSException {
        if (message.propertyExists(AMQP_MESSAGE_ID)) {
            return message.getStringProperty(AMQP_MESSAGE_ID);
        }
        if (message.propertyExists(AMQP_ENCODING)) {
            // an AMQP message sent without a message-id: its core JMSMessageID is made anew on each delivery
            return null;
        }
        if (message.propertyExists(OPENWIRE_MESSAGE_ID)) {
            return message.getStringProperty(OPENWIRE_MESSAGE_ID);
        }
        return message.getJMSMessageID();
    }

    /** The broker's own id of the message: the same for every redelivery of it on this broker. */
    private static long brokerMessageId(Message message) {
        return message instanceof ActiveMQMessage m ? m.getCoreMessage().getMessageID() : 0;
    }

    private static String kind(Message message) {
        return message instanceof MapMessage ? "MapMessage (an AMQP map)"
                : message instanceof StreamMessage ? "StreamMessage (an AMQP list)" : "ObjectMessage";
    }
}
