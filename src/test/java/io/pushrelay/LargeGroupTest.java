package io.pushrelay;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.jms.Message;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.message.Json;
import io.pushrelay.support.FreePort;
import io.pushrelay.support.GatewayProcess;
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
            generate(db, group, SIZE);
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

    /** Half ADM registration IDs, half FCM tokens, all members of one group: inserted directly, in batches. */
    static void generate(TestDatabase db, String group, int size) throws Exception {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement endpoint = c.prepareStatement("INSERT INTO endpoint (endpoint_id, channel_type, address, "
                        + "user_id, opt_out, endpoint_status, attributes, created_at, updated_at) VALUES (?, ?, ?, NULL, 'NONE', "
                        + "'ACTIVE', NULL, ?, ?)");
                PreparedStatement member = c.prepareStatement("INSERT INTO group_member (group_name, endpoint_id) VALUES (?, ?)");
                PreparedStatement groupRow = c.prepareStatement("INSERT INTO push_group (group_name, kind, created_at) VALUES (?, 'ADM', ?)")) {
            c.setAutoCommit(false);
            groupRow.setString(1, group);
            groupRow.setTimestamp(2, now);
            groupRow.executeUpdate();
            for (int i = 0; i < size; i++) {
                boolean adm = i % 2 == 0;
                String id = String.format("%s-%08d", group, i);
                endpoint.setString(1, id);
                endpoint.setString(2, adm ? "ADM" : "GCM");
                endpoint.setString(3, adm ? String.format("amzn1.adm-registration.v3.member%08d", i) : "member" + i + "-token:APA91bLargeGroup");
                endpoint.setTimestamp(4, now);
                endpoint.setTimestamp(5, now);
                endpoint.addBatch();
                member.setString(1, group);
                member.setString(2, id);
                member.addBatch();
                if (i % 5000 == 4999) {
                    endpoint.executeBatch();
                    member.executeBatch();
                }
            }
            endpoint.executeBatch();
            member.executeBatch();
            c.commit();
        }
    }
}
