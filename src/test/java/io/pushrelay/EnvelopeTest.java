package io.pushrelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.message.Json;
import io.pushrelay.support.GatewayTest;
import io.pushrelay.support.JmsClient;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the gateway takes from a received message, whoever sent it (contract §3.1): requests without any message id
 * are delivered, replies correlate with the id the sender saw and reach queues, topics and temporary queues, and a
 * body that is not a request is parked on push.invalid on its first delivery, as it came. The broker's redelivery
 * delay is longer than the waits here, so whatever arrives came from a first delivery.
 */
class EnvelopeTest extends GatewayTest {

    static final Duration FIRST_DELIVERY = Duration.ofSeconds(8);

    private Connection core;
    private Session session;

    @Override
    protected Map<String, String> overrides() {
        return Map.of("pushrelay.broker.redelivery-delay", "30s", "pushrelay.broker.max-redelivery-delay", "30s");
    }

    @BeforeAll
    void connect() throws Exception {
        core = new ActiveMQConnectionFactory(gateway.brokerUrl()).createConnection();
        core.start();
        session = core.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @AfterAll
    void disconnect() throws Exception {
        core.close();
    }

    static String admId() {
        return "amzn1.adm-registration.v3.Envelope" + unique();
    }

    static String request(String requestId, String address) {
        return "{" + (requestId == null ? "" : "\"RequestId\":\"" + requestId + "\",") + "\"Addresses\":{\"" + address
                + "\":{\"ChannelType\":\"ADM\"}},\"MessageConfiguration\":{\"DefaultMessage\":{\"Body\":\"b\"}}}";
    }

    void send(Message message) throws Exception {
        try (MessageProducer producer = session.createProducer(session.createQueue("push.requests"))) {
            producer.send(message);
        }
    }

    /** The message parked on push.invalid that carries the sender's own property {@code Probe}. */
    Message parked(String probe) throws Exception {
        List<Message> parked = jms.receive("push.invalid", "Probe = '" + probe + "'", 1, FIRST_DELIVERY);
        assertThat(parked).as("parked on push.invalid at its first delivery").hasSize(1);
        return parked.get(0);
    }

    @Test
    void aCoreRequestWithoutMessageIdIsDelivered() throws Exception {
        String withId = admId();
        String withoutAnyId = admId();
        try (MessageProducer producer = session.createProducer(session.createQueue("push.requests"))) {
            producer.setDisableMessageID(true);
            producer.send(session.createTextMessage(request("envelope-" + unique(), withId)));
            producer.send(session.createTextMessage(request(null, withoutAnyId)));
        }
        await().atMost(FIRST_DELIVERY).until(() -> calls("adm", withId).size() == 1 && calls("adm", withoutAnyId).size() == 1);
        // the RequestId the gateway made for the second one is on its result
        JsonNode result = Json.tree(JmsClient.text(jms.receive("push.results", "RequestId IS NOT NULL AND DeliveryStatus = "
                + "'SUCCESSFUL'", 50, Duration.ofSeconds(2)).stream().filter(m -> {
                    try {
                        return JmsClient.text(m).contains(withoutAnyId);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).findFirst().orElseThrow()));
        assertThat(result.get("RequestId").asText()).isNotBlank();
    }

    @Test
    void anAmqpRequestWithoutCorrelationIdIsAnsweredWithTheMessageIdItsSenderSaw() throws Exception {
        JmsConnectionFactory amqp = new JmsConnectionFactory(gateway.brokerUrl().replace("tcp://", "amqp://"));
        try (Connection connection = amqp.createConnection()) {
            connection.start();
            Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = s.createTemporaryQueue();
            MessageConsumer consumer = s.createConsumer(replies);
            TextMessage request = s.createTextMessage(request(null, admId()));
            request.setJMSReplyTo(replies);
            s.createProducer(s.createQueue("push.requests")).send(request);
            Message reply = consumer.receive(WAIT.toMillis());
            assertThat(reply).as("a reply on the temporary queue").isNotNull();
            assertThat(reply.getJMSCorrelationID()).isEqualTo(request.getJMSMessageID());
            // the sender's message id is the request's identity too
            assertThat(Json.tree(reply.getBody(String.class)).get("RequestId").asText()).isEqualTo(request.getJMSMessageID());
        }
    }

    @Test
    void aCoreRequestWithoutCorrelationIdIsAnsweredWithItsMessageId() throws Exception {
        TemporaryQueue replies = session.createTemporaryQueue();
        try (MessageConsumer consumer = session.createConsumer(replies)) {
            TextMessage request = session.createTextMessage(request("envelope-" + unique(), admId()));
            request.setJMSReplyTo(replies);
            send(request);
            Message reply = consumer.receive(WAIT.toMillis());
            assertThat(reply).isNotNull();
            assertThat(reply.getJMSCorrelationID()).isEqualTo(request.getJMSMessageID());
        }
    }

    @Test
    void aReplyGoesToTheTopicTheRequestNames() throws Exception {
        Topic topic = session.createTopic("replies.envelope-" + unique());
        try (MessageConsumer subscriber = session.createConsumer(topic)) {
            TextMessage request = session.createTextMessage(request("envelope-" + unique(), admId()));
            request.setJMSReplyTo(topic);
            request.setJMSCorrelationID("corr-topic");
            send(request);
            Message reply = subscriber.receive(WAIT.toMillis());
            assertThat(reply).as("a reply on the topic").isNotNull();
            assertThat(reply.getJMSCorrelationID()).isEqualTo("corr-topic");
            assertThat(Json.tree(reply.getBody(String.class)).path("Result").findValuesAsText("DeliveryStatus"))
                    .containsExactly("SUCCESSFUL");
        }
    }

    @Test
    void aReplyThatCannotBeDeliveredIsKeptOnInvalid() throws Exception {
        // a multicast address (a topic with a subscriber) named as a queue: it takes no anycast routing
        String name = "replies.envelope-" + unique();
        try (MessageConsumer subscriber = session.createConsumer(session.createTopic(name))) {
            String rid = "envelope-" + unique();
            TextMessage request = session.createTextMessage("{\"operation\":\"get\",\"EndpointId\":\"" + rid + "\"}");
            request.setJMSReplyTo(session.createQueue(name));
            request.setJMSCorrelationID(rid);
            try (MessageProducer producer = session.createProducer(session.createQueue("push.endpoints"))) {
                producer.send(request);
            }
            Message kept = jms.receive("push.invalid", "Reason = 'ReplyUndeliverable' AND JMSCorrelationID = '" + rid + "'",
                    1, FIRST_DELIVERY).stream().findFirst().orElse(null);
            assertThat(kept).as("the undeliverable reply on push.invalid").isNotNull();
            assertThat(kept.getStringProperty("ReasonText")).contains(name);
            assertThat(Json.tree(JmsClient.text(kept)).get("Reason").asText()).isEqualTo("NotFound");
            assertThat(subscriber.receive(200)).isNull();
        }
    }

    @Test
    void mapObjectAndStreamBodiesAreUnsupportedOnTheirFirstDelivery() throws Exception {
        String address = admId();
        String probe = unique();
        String valid = request("envelope-" + unique(), address);
        MapMessage map = session.createMapMessage();
        map.setString("RequestId", "envelope-" + unique());
        map.setString("Addresses", address);
        map.setStringProperty("Probe", probe + "-map");
        send(map);
        // an ObjectMessage holding a valid request as a string is not a request either
        ObjectMessage object = session.createObjectMessage(valid);
        object.setStringProperty("Probe", probe + "-object");
        send(object);
        StreamMessage stream = session.createStreamMessage();
        stream.writeString(valid);
        stream.setStringProperty("Probe", probe + "-stream");
        send(stream);

        Message parkedMap = parked(probe + "-map");
        assertThat(parkedMap.getStringProperty("Reason")).isEqualTo("UnsupportedBody");
        assertThat(parkedMap.getStringProperty("ReasonText")).contains("MapMessage");
        assertThat(((MapMessage) parkedMap).getString("Addresses")).isEqualTo(address);
        Message parkedObject = parked(probe + "-object");
        assertThat(parkedObject.getStringProperty("Reason")).isEqualTo("UnsupportedBody");
        assertThat(((ObjectMessage) parkedObject).getObject()).isEqualTo(valid);
        Message parkedStream = parked(probe + "-stream");
        assertThat(parkedStream.getStringProperty("Reason")).isEqualTo("UnsupportedBody");
        assertThat(((StreamMessage) parkedStream).readString()).isEqualTo(valid);
        assertThat(calls("adm", address)).isEmpty();
    }

    @Test
    void aBytesMessageThatIsNotUtf8IsRejectedAsAWholeAndKeptAsBytes() throws Exception {
        String address = admId();
        String probe = unique();
        byte[] body = request("envelope-" + unique(), address).replace("\"b\"", "\"b\u00e9\"").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        BytesMessage bytes = session.createBytesMessage();
        bytes.writeBytes(body);
        bytes.setStringProperty("Probe", probe);
        bytes.setIntProperty("Attempt", 7);
        send(bytes);
        Message kept = parked(probe);
        assertThat(kept.getStringProperty("Reason")).isEqualTo("InvalidEncoding");
        assertThat(kept).isInstanceOf(BytesMessage.class);
        assertThat(kept.getBody(byte[].class)).isEqualTo(body);
        assertThat(kept.getIntProperty("Attempt")).isEqualTo(7);
        assertThat(calls("adm", address)).isEmpty();
    }
}
