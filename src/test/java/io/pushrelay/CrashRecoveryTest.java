package io.pushrelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

import io.pushrelay.message.Json;
import io.pushrelay.sandbox.Fault;
import io.pushrelay.sandbox.ProviderSandbox;
import io.pushrelay.sandbox.RecordedCall;
import io.pushrelay.support.FreePort;
import io.pushrelay.support.GatewayProcess;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway killed with SIGKILL in the middle of fanning out a 2,000-target request, then restarted on the same
 * journal and database: every target is delivered and has exactly one result; a target is called twice only if its
 * call was in flight when the process died. The sandbox runs in the test JVM, so it outlives the kill.
 */
class CrashRecoveryTest {

    static final int TARGETS = 2000;

    ProviderSandbox sandbox;

    @BeforeEach
    void startSandbox() throws Exception {
        sandbox = new ProviderSandbox(0, Files.createDirectories(Path.of("crash-sandbox-" + UUID.randomUUID())), 20_000);
        sandbox.start();
    }

    @AfterEach
    void stopSandbox() {
        sandbox.stop();
    }

    @Test
    void killedMidFanOutAndRestartedEveryTargetIsDeliveredOnce() throws Exception {
        sandbox.fault(Fault.slow("adm", 25, -1));
        sandbox.fault(Fault.slow("fcm", 25, -1));
        Map<String, String> settings = new HashMap<>(sandbox.providerSettings());
        settings.put("pushrelay.sandbox.enabled", "false");
        settings.put("pushrelay.data.dir", "crash-" + UUID.randomUUID());
        settings.put("pushrelay.db.url", "jdbc:h2:file:" + Path.of(settings.get("pushrelay.data.dir"), "pushrelay").toAbsolutePath());
        settings.put("pushrelay.broker.url", "tcp://127.0.0.1:" + FreePort.find());
        settings.put("pushrelay.http.port", String.valueOf(FreePort.find()));
        settings.put("pushrelay.adm.max-connections", "8");
        settings.put("pushrelay.fcm.max-connections", "8");
        settings.put("pushrelay.adm.concurrency", "4");
        settings.put("pushrelay.fcm.concurrency", "4");

        String rid = "crash-" + UUID.randomUUID();
        StringBuilder addresses = new StringBuilder();
        for (int i = 0; i < TARGETS; i++) {
            boolean adm = i % 2 == 0;
            String address = adm ? String.format("amzn1.adm-registration.v3.crash%06d", i) : String.format("crash%06d:APA91bToken", i);
            addresses.append(i == 0 ? "" : ",").append("\"").append(address).append("\":{\"ChannelType\":\"")
                    .append(adm ? "ADM" : "GCM").append("\"}");
        }
        String request = "{\"RequestId\":\"" + rid + "\",\"Addresses\":{" + addresses + "},\"MessageConfiguration\":"
                + "{\"DefaultPushNotificationMessage\":{\"Title\":\"t\",\"Body\":\"b\"}}}";

        try (GatewayProcess first = GatewayProcess.start(settings, List.of("-Xmx512m"))) {
            send(settings.get("pushrelay.broker.url"), request);
            await().atMost(Duration.ofSeconds(60)).until(() -> delivered() >= 300);
            first.kill();
        }
        long deliveredBeforeRestart = delivered();
        assertThat(deliveredBeforeRestart).isLessThan(TARGETS);

        try (GatewayProcess second = GatewayProcess.start(settings, List.of("-Xmx512m"))) {
            await().atMost(Duration.ofMinutes(3)).until(() -> delivered() == TARGETS);
            Map<String, Long> successes = successesByAddress();
            long duplicates = successes.values().stream().mapToLong(n -> n - 1).sum();
            Map<String, Long> results = results(settings.get("pushrelay.broker.url"), rid);
            System.out.printf("crash recovery: %d targets, %d delivered before the kill, %d lost, %d delivered twice "
                    + "(their batches were in flight at the kill), %d results (%d targets with more than one)%n", TARGETS,
                    deliveredBeforeRestart, TARGETS - successes.size(), duplicates,
                    results.values().stream().mapToLong(Long::longValue).sum(), results.values().stream().filter(n -> n > 1).count());
            assertThat(successes).hasSize(TARGETS);
            // only a batch that was being delivered when the process died can be called again: 2 providers x 4 consumers
            assertThat(duplicates).isLessThanOrEqualTo(2 * 4 * 100);
            assertThat(results).hasSize(TARGETS);
            assertThat(results.values()).containsOnly(1L);
        }
    }

    long delivered() {
        return successesByAddress().size();
    }

    Map<String, Long> successesByAddress() {
        return java.util.stream.Stream.concat(sandbox.calls("adm").stream(), sandbox.calls("fcm").stream())
                .filter(c -> c.status() == 200).collect(Collectors.groupingBy(RecordedCall::address, Collectors.counting()));
    }

    static void send(String brokerUrl, String body) throws Exception {
        try (Connection connection = new ActiveMQConnectionFactory(brokerUrl).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("push.requests")).send(session.createTextMessage(body));
        }
    }

    /** The number of results per address on push.results for the request. */
    static Map<String, Long> results(String brokerUrl, String requestId) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        try (Connection connection = new ActiveMQConnectionFactory(brokerUrl).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageConsumer consumer = session.createConsumer(session.createQueue("push.results"),
                    "RequestId = '" + requestId + "'")) {
                Message m;
                while ((m = consumer.receive(2000)) != null) {
                    counts.merge(Json.tree(m.getBody(String.class)).get("Address").asText(), 1L, Long::sum);
                }
            }
        }
        return counts;
    }

}
