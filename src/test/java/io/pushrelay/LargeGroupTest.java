package io.pushrelay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.jms.Message;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.message.Json;
import io.pushrelay.support.FreePort;
import io.pushrelay.support.GatewayProcess;
import io.pushrelay.support.GroupSeed;
import io.pushrelay.support.JmsClient;
import io.pushrelay.support.TestDatabases;
import io.pushrelay.support.TestDatabases.TestDatabase;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * A large group fans out with the heap capped at 256 MB: the gateway runs as its own JVM with {@code -Xmx256m}
 * against PostgreSQL, and every member is sent to exactly once. The size is {@code -Dtest.group-size}
 * (CI: 20,000; the benchmark runs 1,000,000).
 */
class LargeGroupTest {

    static final int SIZE = Integer.getInteger("test.group-size", 20_000);

    @Test
    void aLargeGroupIsSentWithABoundedHeap() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            String group = "large-" + UUID.randomUUID().toString().substring(0, 8);
            GroupSeed.insert(db.dataSource(), group, SIZE);
            Map<String, String> settings = Map.of(
                    "pushrelay.db.url", db.url(), "pushrelay.db.user", db.user(),
                    "pushrelay.data.dir", "large-group-" + group,
                    "pushrelay.broker.url", "tcp://127.0.0.1:" + FreePort.find(),
                    "pushrelay.http.port", String.valueOf(FreePort.find()),
                    "pushrelay.sandbox.port", String.valueOf(FreePort.find()));
            try (GatewayProcess gateway = GatewayProcess.start(settings, List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"))) {
                ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(settings.get("pushrelay.broker.url"));
                try (var connection = factory.createConnection()) {
                    connection.start();
                    var session = connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
                    var replies = session.createTemporaryQueue();
                    var request = session.createTextMessage("{\"RequestId\":\"" + group + "\",\"group_name\":\"" + group
                            + "\",\"data\":{\"k\":\"v\"},\"notification\":{\"title\":\"t\",\"body\":\"b\"}}");
                    request.setJMSReplyTo(replies);
                    session.createProducer(session.createQueue("push.requests")).send(request);
                    Message reply = session.createConsumer(replies).receive(Duration.ofMinutes(10).toMillis());
                    assertThat(reply).as("the reply, or the gateway's log:\n" + (reply == null ? gateway.log() : "")).isNotNull();
                    JsonNode answer = Json.tree(JmsClient.text(reply));
                    assertThat(answer.get("success").asInt()).isEqualTo(SIZE);
                    assertThat(answer.get("failure").asInt()).isZero();
                }
                JsonNode counts = Json.tree(gateway.get(gateway.sandboxUrl() + "/_sandbox/counts"));
                int perProvider = SIZE / 2;
                assertThat(counts.get("adm").asLong()).isEqualTo(perProvider);
                assertThat(counts.get("fcm").asLong()).isEqualTo(SIZE - perProvider);
                assertThat(gateway.alive()).isTrue();
            }
        }
    }
}
