package io.pushrelay.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import io.pushrelay.support.GatewayTest;
import io.pushrelay.support.StompClient;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * The embedded broker's address model: under {@code push.} exactly the gateway's addresses exist, each with its
 * queue, and nothing else can be created there by a client; the broker's dead-letter queue is a real queue that
 * gets only what the broker gave up on, not its own notifications.
 */
class BrokerAddressesTest extends GatewayTest {

    @Override
    protected Map<String, String> overrides() {
        // the broker gives up on a message after two deliveries, quickly
        return Map.of("pushrelay.broker.max-delivery-attempts", "2", "pushrelay.broker.redelivery-delay", "50ms");
    }

    private EmbeddedBroker broker() {
        return gateway.context().getRegistry().findSingleByType(EmbeddedBroker.class);
    }

    @Test
    void underPushExactlyTheGatewaysAddressesExistEachWithItsQueue() throws Exception {
        BrokerAddresses expected = BrokerAddresses.of(gateway.settings());
        assertThat(expected.queues()).contains("push.requests", "push.groups", "push.endpoints", "push.campaigns",
                "push.replay", "push.results", "push.dead-letters", "push.invalid", "push.work.adm", "push.work.fcm",
                "push.work.alexa", "push.fanout", "push.outcomes", "push.registry-feedback", "push.campaign-outcomes",
                "push.broker-dlq", "push.expired");
        // a request makes the gateway use its addresses; none of them is created on the way
        ask("push.endpoints", "{\"operation\":\"get\",\"EndpointId\":\"nobody-" + unique() + "\"}");
        Set<String> expectedAddresses = new TreeSet<>(expected.queues());
        expectedAddresses.add(BrokerAddresses.RESULTS_TO_SUBSCRIBERS);
        assertThat(pushAddresses()).isEqualTo(expectedAddresses);
        for (String queue : expected.queues()) {
            assertThat(broker().server().locateQueue(queue)).as(queue).isNotNull();
        }
    }

    @Test
    void aMisspeltQueueFailsAtTheSenderOverCoreAmqpAndStomp() throws Exception {
        assertThatThrownBy(() -> jms.send("push.requestz", "{}", Map.of())).isInstanceOf(JMSException.class)
                .hasMessageContaining("push.requestz");

        try (Connection amqp = new JmsConnectionFactory(amqpUrl()).createConnection()) {
            Session session = amqp.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> {
                try (MessageProducer producer = session.createProducer(session.createQueue("push.requestz"))) {
                    producer.send(session.createTextMessage("{}"));
                }
            }).isInstanceOf(JMSException.class).hasMessageContaining("push.requestz");
        }

        URI broker = URI.create(gateway.brokerUrl());
        try (StompClient stomp = new StompClient(broker.getHost(), broker.getPort())) {
            stomp.write("SEND", Map.of("destination", "push.requestz", "receipt", "r1"), "{}", false);
            StompClient.Frame answer = stomp.read(WAIT);
            assertThat(answer.command()).isEqualTo("ERROR");
            assertThat(answer.headers().get("message") + answer.body()).contains("push.requestz");
        }
        assertThat(pushAddresses()).doesNotContain("push.requestz");
    }

    @Test
    void clientsOwnAddressesOutsidePushAreStillCreatedOnDemand() throws Exception {
        String queue = "orders.replies-" + unique();
        jms.send(queue, "{\"k\":1}", Map.of());
        assertThat(jms.receive(queue, WAIT)).isNotNull();
    }

    @Test
    void aReplyReachesTheAddressAStompClientNamesAsItNamesIt() throws Exception {
        URI broker = URI.create(gateway.brokerUrl());
        // a subscription to a name not yet known makes a queue (no destination prefixes: /topic/x is the name)
        for (String replies : List.of("stomp.replies." + unique(), "/topic/stomp.replies." + unique())) {
            try (StompClient stomp = new StompClient(broker.getHost(), broker.getPort())) {
                stomp.write("SUBSCRIBE", Map.of("id", "1", "destination", replies, "receipt", "subscribed"), "", false);
                assertThat(stomp.read(WAIT).command()).isEqualTo("RECEIPT");
                stomp.write("SEND", Map.of("destination", "push.endpoints", "reply-to", replies, "correlation-id", "c1"),
                        "{\"operation\":\"get\",\"EndpointId\":\"nobody-" + unique() + "\"}", false);
                StompClient.Frame reply = stomp.read(WAIT);
                assertThat(reply).as("a reply on " + replies).isNotNull();
                assertThat(reply.headers()).containsEntry("correlation-id", "c1");
            }
        }
    }

    @Test
    void theBrokerDeadLetterQueueKeepsWhatTheBrokerGaveUpOnAndNoNotifications() throws Exception {
        // connections, sessions and consumers come and go (each one a broker notification) ...
        for (int i = 0; i < 3; i++) {
            try (Connection amqp = new JmsConnectionFactory(amqpUrl()).createConnection()) {
                amqp.start();
                amqp.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(
                        amqp.createSession(false, Session.AUTO_ACKNOWLEDGE).createTemporaryQueue()).close();
            }
        }
        // ... and a client's message is rolled back until the broker gives up on it
        String queue = "orders.poison-" + unique();
        String marker = unique();
        jms.send(queue, "{\"poison\":true}", Map.of("Marker", marker));
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(gateway.brokerUrl());
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
                for (int delivery = 1; delivery <= 2; delivery++) {
                    assertThat(consumer.receive(WAIT.toMillis())).as("delivery " + delivery).isNotNull();
                    session.rollback();
                }
            }
        }
        await().atMost(WAIT).until(() -> browse(BrokerAddresses.DEAD_LETTERS).size() == 1);
        List<Message> dead = browse(BrokerAddresses.DEAD_LETTERS);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).getStringProperty("Marker")).isEqualTo(marker);
        assertThat(dead.get(0).getStringProperty("_AMQ_ORIG_ADDRESS")).isEqualTo(queue);
    }

    @Test
    void anExpiredMessageIsKeptOnTheExpiryQueue() throws Exception {
        String queue = "orders.stale-" + unique();
        String marker = unique();
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(gateway.brokerUrl());
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
                Message message = session.createTextMessage("{}");
                message.setStringProperty("Marker", marker);
                producer.send(message, jakarta.jms.DeliveryMode.PERSISTENT, 4, 1);
            }
        }
        // a consumer looking at the queue makes the broker expire what it finds stale
        await().atMost(WAIT).until(() -> {
            jms.receive(queue, Duration.ofMillis(100));
            return browse(BrokerAddresses.EXPIRED).stream().anyMatch(m -> marker.equals(property(m, "Marker")));
        });
    }

    private Set<String> pushAddresses() {
        return broker().server().getPostOffice().getAddresses().stream().map(SimpleString::toString)
                .filter(a -> a.startsWith("push.")).collect(Collectors.toCollection(TreeSet::new));
    }

    private String amqpUrl() {
        return gateway.brokerUrl().replace("tcp://", "amqp://");
    }

    private List<Message> browse(String queue) throws JMSException {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(gateway.brokerUrl());
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            @SuppressWarnings("unchecked")
            List<Message> messages = Collections.list(session.createBrowser(session.createQueue(queue)).getEnumeration());
            return messages;
        }
    }

    private static String property(Message message, String name) {
        try {
            return message.getStringProperty(name);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
