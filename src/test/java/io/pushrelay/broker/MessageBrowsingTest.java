package io.pushrelay.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import io.pushrelay.config.Settings;
import io.pushrelay.support.FreePort;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Browsing the embedded broker's real queues over TCP, as the CLI does. */
class MessageBrowsingTest {

    private static EmbeddedBroker broker;
    private static ActiveMQConnectionFactory factory;

    @BeforeAll
    static void start() throws Exception {
        String url = "tcp://127.0.0.1:" + FreePort.find();
        broker = new EmbeddedBroker(url, "CORE", Path.of("browse-broker-" + UUID.randomUUID()),
                new EmbeddedBroker.Redelivery(6, 1000, 60000), BrokerAddresses.of(Settings.load(Map.of())));
        broker.start();
        factory = new ActiveMQConnectionFactory(url);
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("push.dead-letters"));
            for (String reason : List.of("Unregistered", "Timeout", "Unregistered")) {
                TextMessage message = session.createTextMessage("{\"Reason\":\"" + reason + "\"}");
                message.setStringProperty("Reason", reason);
                producer.send(message);
            }
            BytesMessage bytes = session.createBytesMessage();
            bytes.writeBytes("{\"Reason\":\"Bytes\"}".getBytes(StandardCharsets.UTF_8));
            producer.send(bytes);
            producer.send(session.createMapMessage());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        factory.close();
        broker.stop();
    }

    @Test
    void browsesInQueueOrderAndLeavesTheMessagesWhereTheyAre() throws Exception {
        MessageBrowsing browsing = new MessageBrowsing(factory);
        List<MessageBrowsing.Browsed> first = browsing.browse("push.dead-letters", null, 100);
        assertThat(first).extracting(MessageBrowsing.Browsed::body)
                .containsExactly("{\"Reason\":\"Unregistered\"}", "{\"Reason\":\"Timeout\"}", "{\"Reason\":\"Unregistered\"}", "{\"Reason\":\"Bytes\"}", null);
        assertThat(first.get(1).properties()).containsEntry("Reason", "Timeout");
        assertThat(first.get(1).messageId()).startsWith("ID:");
        assertThat(browsing.browse("push.dead-letters", "", 100)).hasSize(5);
    }

    @Test
    void selectsAndLimits() throws Exception {
        MessageBrowsing browsing = new MessageBrowsing(factory);
        assertThat(browsing.browse("push.dead-letters", "Reason = 'Unregistered'", 100)).hasSize(2);
        assertThat(browsing.browse("push.dead-letters", "Reason = 'Unregistered'", 1)).hasSize(1);
        assertThat(browsing.browse("push.dead-letters", null, 3)).extracting(b -> b.properties().get("Reason"))
                .containsExactly("Unregistered", "Timeout", "Unregistered");
    }

    @Test
    void followsWhatArrivesAfterwards() throws Exception {
        List<MessageBrowsing.Browsed> seen = new CopyOnWriteArrayList<>();
        Thread follower = new Thread(() -> {
            try {
                new MessageBrowsing(factory).follow("push.invalid", null, 10, Duration.ofMillis(50), seen::add);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("push.invalid"));
            producer.send(session.createTextMessage("before"));
            follower.start();
            await().until(() -> seen.size() == 1);
            producer.send(session.createTextMessage("after"));
            await().until(() -> seen.size() == 2);
        } finally {
            follower.interrupt();
            follower.join(10_000);
        }
        assertThat(seen).extracting(MessageBrowsing.Browsed::body).containsExactly("before", "after");
        assertThat(follower.isAlive()).isFalse();
    }

    @Test
    void queueDepthsComeFromTheBrokersManagement() throws Exception {
        Map<String, Long> depths = new QueueDepths(factory, Duration.ofSeconds(10)).of("push.");
        assertThat(depths).containsEntry("push.dead-letters", 5L).containsKeys("push.results", "push.invalid",
                "push.requests");
        assertThat(depths.keySet()).allMatch(name -> name.startsWith("push."));
    }
}
