package io.pushrelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.message.Json;
import io.pushrelay.support.GatewayTest;
import io.pushrelay.support.StompClient;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.apache.qpid.protonj2.client.Client;
import org.apache.qpid.protonj2.client.Connection;
import org.apache.qpid.protonj2.client.Delivery;
import org.apache.qpid.protonj2.client.Message;
import org.apache.qpid.protonj2.client.Receiver;
import org.apache.qpid.protonj2.client.Sender;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every protocol the broker port speaks, each through a client library nobody here wrote (contract §3.1): a send
 * request is delivered and its results can be read, a request-reply works without a correlation id where the
 * protocol allows, a reply reaches a topic, a body that is neither text nor bytes is rejected at once, and a send to
 * a misspelt queue fails at the client. Broker redelivery is slowed to minutes here, so a rejection that waited for
 * it would not arrive in time.
 */
class ProtocolClientsTest extends GatewayTest {

    static final String ADM = "amzn1.adm-registration.v3.cHJvdG9jb2wtdGVzdA";

    @Override
    protected Map<String, String> overrides() {
        return Map.of("pushrelay.broker.redelivery-delay", "2m", "pushrelay.broker.max-redelivery-delay", "2m");
    }

    String host() {
        return URI.create(gateway.brokerUrl()).getHost();
    }

    int port() {
        return URI.create(gateway.brokerUrl()).getPort();
    }

    static String request(String requestId, String address) {
        String id = requestId == null ? "" : "\"RequestId\":\"" + requestId + "\",";
        return "{" + id + "\"Addresses\":{\"" + address + "\":{\"ChannelType\":\"ADM\"}},"
                + "\"MessageConfiguration\":{\"DefaultPushNotificationMessage\":{\"Title\":\"Hi\",\"Body\":\"From a client\"}}}";
    }

    static String address() {
        return ADM + unique();
    }

    JsonNode resultOf(String requestId) throws Exception {
        List<JsonNode> results = forRequest("push.results", requestId, 1);
        assertThat(results).as("the result of " + requestId).hasSize(1);
        return results.get(0);
    }

    /** The parked copy of an input that carried the property Marker with this value. */
    jakarta.jms.Message parked(String marker) throws Exception {
        List<jakarta.jms.Message> parked = jms.receive("push.invalid", "Marker = '" + marker + "'", 1, WAIT);
        assertThat(parked).as("the rejected input on push.invalid").hasSize(1);
        return parked.get(0);
    }

    void assertDeliveredOnce(String address) {
        await().atMost(WAIT).until(() -> calls("adm", address).size() == 1);
        assertThat(calls("adm", address)).hasSize(1);
    }

    @Nested
    class AmqpOverJms {

        jakarta.jms.Connection connect() throws Exception {
            jakarta.jms.Connection c = new JmsConnectionFactory("amqp://" + host() + ":" + port()).createConnection();
            c.start();
            return c;
        }

        @Test
        void sendsAndReadsItsResults() throws Exception {
            String id = "qpid-" + unique();
            String address = address();
            try (jakarta.jms.Connection c = connect()) {
                jakarta.jms.Session s = c.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
                s.createProducer(s.createQueue("push.requests")).send(s.createTextMessage(request(id, address)));
                jakarta.jms.Message result = s.createConsumer(s.createQueue("push.results"), "RequestId = '" + id + "'")
                        .receive(WAIT.toMillis());
                assertThat(result).as("a result read over AMQP").isNotNull();
                JsonNode body = Json.tree(result.getBody(String.class));
                assertThat(body.path("Address").asText()).isEqualTo(address);
                assertThat(body.path("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
            }
            assertDeliveredOnce(address);
        }

        @Test
        void requestReplyWithoutCorrelationIdIsCorrelatedByItsOwnMessageId() throws Exception {
            String address = address();
            try (jakarta.jms.Connection c = connect()) {
                jakarta.jms.Session s = c.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
                jakarta.jms.TemporaryQueue replies = s.createTemporaryQueue();
                jakarta.jms.TextMessage message = s.createTextMessage(request("qpid-" + unique(), address));
                message.setJMSReplyTo(replies);
                s.createProducer(s.createQueue("push.requests")).send(message);
                jakarta.jms.Message reply = s.createConsumer(replies).receive(WAIT.toMillis());
                assertThat(reply).as("a reply on the temporary queue").isNotNull();
                assertThat(reply.getJMSCorrelationID()).isEqualTo(message.getJMSMessageID());
                JsonNode body = Json.tree(reply.getBody(String.class));
                assertThat(body.path("Result").path(address).path("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
            }
        }

        @Test
        void replyReachesATopic() throws Exception {
            String address = address();
            try (jakarta.jms.Connection c = connect()) {
                jakarta.jms.Session s = c.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
                jakarta.jms.Topic topic = s.createTopic("client.replies." + unique());
                jakarta.jms.MessageConsumer subscriber = s.createConsumer(topic);
                jakarta.jms.TextMessage message = s.createTextMessage(request("qpid-" + unique(), address));
                message.setJMSReplyTo(topic);
                message.setJMSCorrelationID("my-correlation");
                s.createProducer(s.createQueue("push.requests")).send(message);
                jakarta.jms.Message reply = subscriber.receive(WAIT.toMillis());
                assertThat(reply).as("a reply on the topic").isNotNull();
                assertThat(reply.getJMSCorrelationID()).isEqualTo("my-correlation");
            }
        }

        @Test
        void mapBodyIsRejectedAtOnce() throws Exception {
            String marker = unique();
            try (jakarta.jms.Connection c = connect()) {
                jakarta.jms.Session s = c.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
                jakarta.jms.MapMessage message = s.createMapMessage();
                message.setString("RequestId", "map-" + marker);
                message.setStringProperty("Marker", marker);
                s.createProducer(s.createQueue("push.requests")).send(message);
            }
            assertThat(parked(marker).getStringProperty("Reason")).isEqualTo("UnsupportedBody");
        }

        @Test
        void sendToAMisspeltQueueFails() throws Exception {
            try (jakarta.jms.Connection c = connect()) {
                jakarta.jms.Session s = c.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
                assertThatThrownBy(() -> s.createProducer(s.createQueue("push.requestz"))
                        .send(s.createTextMessage(request("qpid-" + unique(), address()))))
                        .isInstanceOf(jakarta.jms.JMSException.class);
            }
        }
    }

    @Nested
    class AmqpWithoutJms {

        @Test
        void aMessageWithoutAnyIdIsDeliveredAndAnswered() throws Exception {
            String address = address();
            try (Client client = Client.create(); Connection connection = client.connect(host(), port())) {
                Receiver replies = connection.openDynamicReceiver();
                Sender sender = connection.openSender("push.requests");
                Message<String> message = Message.<String>create(request(null, address)).durable(true)
                        .replyTo(replies.address());
                assertThat(message.messageId()).isNull();
                sender.send(message).awaitSettlement(10, TimeUnit.SECONDS);
                Delivery delivery = replies.receive(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(delivery).as("a reply on the dynamic receiver").isNotNull();
                Object body = delivery.message().body();
                String text = body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : (String) body;
                JsonNode reply = Json.tree(text);
                assertThat(reply.path("RequestId").asText()).isNotBlank();
                assertThat(reply.path("Result").path(address).path("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
            }
            assertDeliveredOnce(address);
        }

        @Test
        void theReplyCarriesTheRequestsCorrelationId() throws Exception {
            String address = address();
            try (Client client = Client.create(); Connection connection = client.connect(host(), port())) {
                Receiver replies = connection.openDynamicReceiver();
                Message<String> message = Message.<String>create(request("proton-" + unique(), address)).durable(true)
                        .replyTo(replies.address()).correlationId("proton-correlation");
                connection.openSender("push.requests").send(message).awaitSettlement(10, TimeUnit.SECONDS);
                Delivery delivery = replies.receive(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(delivery).as("a reply on the dynamic receiver").isNotNull();
                assertThat(delivery.message().correlationId()).isEqualTo("proton-correlation");
            }
        }

        @Test
        void mapAndListBodiesAreRejectedAtOnce() throws Exception {
            String mapMarker = unique();
            String listMarker = unique();
            try (Client client = Client.create(); Connection connection = client.connect(host(), port())) {
                Sender sender = connection.openSender("push.requests");
                sender.send(Message.create(Map.of("Addresses", "x")).durable(true).property("Marker", mapMarker))
                        .awaitSettlement(10, TimeUnit.SECONDS);
                sender.send(Message.create(List.of("Addresses")).durable(true).property("Marker", listMarker))
                        .awaitSettlement(10, TimeUnit.SECONDS);
            }
            assertThat(parked(mapMarker).getStringProperty("Reason")).isEqualTo("UnsupportedBody");
            assertThat(parked(listMarker).getStringProperty("Reason")).isEqualTo("UnsupportedBody");
        }
    }

    @Nested
    class OpenWire {

        javax.jms.Connection connect() throws Exception {
            org.apache.activemq.ActiveMQConnectionFactory factory =
                    new org.apache.activemq.ActiveMQConnectionFactory("tcp://" + host() + ":" + port());
            factory.setAlwaysSyncSend(true);
            javax.jms.Connection c = factory.createConnection();
            c.start();
            return c;
        }

        @Test
        void sendsAndReadsItsResults() throws Exception {
            String id = "openwire-" + unique();
            String address = address();
            try (javax.jms.Connection c = connect()) {
                javax.jms.Session s = c.createSession(false, javax.jms.Session.AUTO_ACKNOWLEDGE);
                s.createProducer(s.createQueue("push.requests")).send(s.createTextMessage(request(id, address)));
                javax.jms.Message result = s.createConsumer(s.createQueue("push.results"), "RequestId = '" + id + "'")
                        .receive(WAIT.toMillis());
                assertThat(result).as("a result read over OpenWire").isInstanceOf(javax.jms.TextMessage.class);
                JsonNode body = Json.tree(((javax.jms.TextMessage) result).getText());
                assertThat(body.path("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
            }
            assertDeliveredOnce(address);
        }

        @Test
        void requestReplyWithoutCorrelationIdIsCorrelatedByItsOwnMessageId() throws Exception {
            String address = address();
            try (javax.jms.Connection c = connect()) {
                javax.jms.Session s = c.createSession(false, javax.jms.Session.AUTO_ACKNOWLEDGE);
                javax.jms.TemporaryQueue replies = s.createTemporaryQueue();
                javax.jms.TextMessage message = s.createTextMessage(request("openwire-" + unique(), address));
                message.setJMSReplyTo(replies);
                s.createProducer(s.createQueue("push.requests")).send(message);
                javax.jms.Message reply = s.createConsumer(replies).receive(WAIT.toMillis());
                assertThat(reply).as("a reply on the temporary queue").isNotNull();
                assertThat(reply.getJMSCorrelationID()).isEqualTo(message.getJMSMessageID());
            }
        }

        @Test
        void mapBodyIsRejectedAtOnce() throws Exception {
            String marker = unique();
            try (javax.jms.Connection c = connect()) {
                javax.jms.Session s = c.createSession(false, javax.jms.Session.AUTO_ACKNOWLEDGE);
                javax.jms.MapMessage message = s.createMapMessage();
                message.setString("RequestId", "map-" + marker);
                message.setStringProperty("Marker", marker);
                s.createProducer(s.createQueue("push.requests")).send(message);
            }
            assertThat(parked(marker).getStringProperty("Reason")).isEqualTo("UnsupportedBody");
        }

        @Test
        void sendToAMisspeltQueueFails() throws Exception {
            try (javax.jms.Connection c = connect()) {
                javax.jms.Session s = c.createSession(false, javax.jms.Session.AUTO_ACKNOWLEDGE);
                assertThatThrownBy(() -> s.createProducer(s.createQueue("push.requestz"))
                        .send(s.createTextMessage(request("openwire-" + unique(), address()))))
                        .isInstanceOf(javax.jms.JMSException.class);
            }
        }
    }

    @Nested
    class Mqtt {

        @Test
        void publishesARequestAndSubscribesToResults() throws Exception {
            String id = "mqtt-" + unique();
            String address = address();
            BlockingQueue<JsonNode> results = new LinkedBlockingQueue<>();
            MqttClient client = new MqttClient("tcp://" + host() + ":" + port(), "test-" + unique(), new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            client.connect(options);
            try {
                client.subscribe("push/results", 1, (topic, message) -> {
                    JsonNode result = Json.tree(new String(message.getPayload(), StandardCharsets.UTF_8));
                    if (id.equals(result.path("RequestId").asText())) {
                        results.add(result);
                    }
                });
                MqttMessage message = new MqttMessage(request(id, address).getBytes(StandardCharsets.UTF_8));
                message.setQos(1);
                client.publish("push/requests", message);
                JsonNode result = results.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(result).as("a result on push/results").isNotNull();
                assertThat(result.path("Address").asText()).isEqualTo(address);
                assertThat(result.path("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
            } finally {
                client.disconnect();
                client.close();
            }
            assertDeliveredOnce(address);
            assertThat(resultOf(id).path("DeliveryStatus").asText()).as("the queue's own copy").isEqualTo("SUCCESSFUL");
        }
    }

    @Nested
    class Stomp {

        @Test
        void sendsTextAndBytesAndReadsResults() throws Exception {
            String textId = "stomp-" + unique();
            String bytesId = "stomp-" + unique();
            String textAddress = address();
            String bytesAddress = address();
            try (StompClient stomp = new StompClient(host(), port())) {
                stomp.write("SEND", Map.of("destination", "push.requests"), request(textId, textAddress), false);
                stomp.write("SEND", Map.of("destination", "push.requests"), request(bytesId, bytesAddress), true);
                stomp.write("SUBSCRIBE", Map.of("id", "results", "destination", "push.results",
                        "selector", "RequestId = '" + textId + "'"), "", false);
                StompClient.Frame result = stomp.read(WAIT);
                assertThat(result).as("a result read over STOMP").isNotNull();
                assertThat(result.command()).isEqualTo("MESSAGE");
                assertThat(Json.tree(result.body()).path("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
            }
            assertDeliveredOnce(textAddress);
            assertDeliveredOnce(bytesAddress);
            assertThat(resultOf(bytesId).path("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
        }

        @Test
        void requestReplyToItsOwnDestination() throws Exception {
            String replies = "stomp.replies." + unique();
            String address = address();
            try (StompClient stomp = new StompClient(host(), port())) {
                stomp.write("SUBSCRIBE", Map.of("id", "replies", "destination", replies), "", false);
                stomp.write("SEND", Map.of("destination", "push.requests", "reply-to", replies,
                        "correlation-id", "stomp-correlation", "receipt", "sent"), request("stomp-" + unique(), address), false);
                StompClient.Frame receipt = stomp.read(WAIT);
                assertThat(receipt.command()).isEqualTo("RECEIPT");
                StompClient.Frame reply = stomp.read(WAIT);
                assertThat(reply).as("a reply on " + replies).isNotNull();
                assertThat(reply.command()).isEqualTo("MESSAGE");
                assertThat(reply.headers().get("correlation-id")).isEqualTo("stomp-correlation");
                assertThat(Json.tree(reply.body()).path("Result").path(address).path("DeliveryStatus").asText())
                        .isEqualTo("SUCCESSFUL");
            }
        }

        @Test
        void replyReachesAMulticastSubscription() throws Exception {
            String topic = "stomp.topic." + unique();
            String address = address();
            try (StompClient stomp = new StompClient(host(), port())) {
                stomp.write("SUBSCRIBE", Map.of("id", "topic", "destination", topic, "subscription-type", "MULTICAST",
                        "receipt", "subscribed"), "", false);
                assertThat(stomp.read(WAIT).command()).isEqualTo("RECEIPT");
                stomp.write("SEND", Map.of("destination", "push.requests", "reply-to", topic),
                        request("stomp-" + unique(), address), false);
                StompClient.Frame reply = stomp.read(WAIT);
                assertThat(reply).as("a reply on the multicast address " + topic).isNotNull();
                assertThat(reply.command()).isEqualTo("MESSAGE");
                assertThat(Json.tree(reply.body()).path("Result").path(address).path("DeliveryStatus").asText())
                        .isEqualTo("SUCCESSFUL");
            }
        }

        @Test
        void sendToAMisspeltQueueFails() throws Exception {
            try (StompClient stomp = new StompClient(host(), port())) {
                stomp.write("SEND", Map.of("destination", "push.requestz", "receipt", "sent"),
                        request("stomp-" + unique(), address()), false);
                StompClient.Frame answer = stomp.read(WAIT);
                assertThat(answer).isNotNull();
                assertThat(answer.command()).isEqualTo("ERROR");
            }
        }
    }

    @Test
    void coreProducerWithoutMessageIdIsDelivered() throws Exception {
        String id = "core-" + unique();
        String address = address();
        try (jakarta.jms.Connection c = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(
                gateway.brokerUrl()).createConnection()) {
            jakarta.jms.Session s = c.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.MessageProducer producer = s.createProducer(s.createQueue("push.requests"));
            producer.setDisableMessageID(true);
            producer.send(s.createTextMessage(request(id, address)));
        }
        assertThat(resultOf(id).path("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
        assertDeliveredOnce(address);
    }
}
