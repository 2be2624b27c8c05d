package io.pushrelay.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
            jakarta.jms.BytesMessage bytes = session.createBytesMessage();
            bytes.writeBytes("{\"Reason\":\"Bytes\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
}
