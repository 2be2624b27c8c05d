package io.pushrelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The gateway killed with SIGKILL again and again in the middle of fanning out a 2,000-target request, each time
 * restarted on the same journal and database: every target is delivered and has exactly one result, and a target is
 * called again only if its call was in flight at a kill, never when it had been answered more than a moment before.
 * The sandbox runs in the test JVM, so it outlives the kills and knows when each call was answered.
 */
class CrashRecoveryTest {

    static final int TARGETS = 2000;
    static final int KILLS = 3;
    /**
     * How long before a kill an answer may have arrived and still be repeated: its outcome is committed by the
     * ledger's writer in the next group commit (a few ms, H2 on this machine). 600 ms leaves room for a loaded 2-core
     * machine (a GC pause, a slow fsync, the other JVMs of a parallel build) while still telling "kept as it arrived"
     * from "kept at the end of its batch", which repeats calls answered a second and more before the kill. (It was
     * 250 ms until one kill in three on a quiet machine repeated calls answered up to 0.41 s before it: a lag to find.)
     */
    static final Duration MOMENT = Duration.ofMillis(600);

    ProviderSandbox sandbox;

    @BeforeEach
    void startSandbox() throws Exception {
        sandbox = new ProviderSandbox(0, Files.createDirectories(Path.of("crash-sandbox-" + UUID.randomUUID())), 20_000);
        sandbox.start();
        sandbox.fault(Fault.slow("adm", 25, -1));
        sandbox.fault(Fault.slow("fcm", 25, -1));
    }

    @AfterEach
    void stopSandbox() {
        sandbox.stop();
    }

    @Test
    void killedRepeatedlyMidFanOutOnlyCallsInFlightAreMadeAgain() throws Exception {
        Map<String, String> settings = settings("resend");
        String rid = "crash-" + UUID.randomUUID();
        List<Instant> kills = new ArrayList<>();
        List<Long> deliveredAtKill = new ArrayList<>();
        for (int k = 1; k <= KILLS; k++) {
            try (GatewayProcess gateway = GatewayProcess.start(settings, List.of("-Xmx512m"))) {
                if (k == 1) {
                    send(settings.get("pushrelay.broker.url"), request(rid));
                }
                long goal = (long) k * TARGETS / (KILLS + 1);
                await().atMost(Duration.ofSeconds(60)).until(() -> delivered() >= goal);
                kills.add(Instant.now());
                gateway.kill();
                deliveredAtKill.add(delivered());
            }
        }
        assertThat(delivered()).isLessThan(TARGETS);

        try (GatewayProcess last = GatewayProcess.start(settings, List.of("-Xmx512m"))) {
            await().atMost(Duration.ofMinutes(2)).until(() -> delivered() == TARGETS);
            Map<String, List<JsonNode>> results = results(settings.get("pushrelay.broker.url"), rid);
            Map<String, List<RecordedCall>> calls = callsByAddress();
            List<Duration> longest = new ArrayList<>();
            for (int k = 0; k < KILLS; k++) {
                List<Duration> before = answeredBeforeKill(calls, kills, k);
                longest.add(before.stream().max(Comparator.naturalOrder()).orElse(Duration.ZERO));
                System.out.printf("crash recovery: kill %d (%d of %d delivered): %d calls repeated; their first call had "
                        + "been answered before the kill by: none (in flight) %d, 0-50 ms %d, 50-250 ms %d, > 250 ms %d; "
                        + "longest %d ms%n", k + 1, deliveredAtKill.get(k), TARGETS, before.size(),
                        count(before, Long.MIN_VALUE, 0), count(before, 0, 50), count(before, 50, 250),
                        count(before, 250, Long.MAX_VALUE), longest.get(k).toMillis());
            }
            System.out.printf("crash recovery: %d targets, %d lost, %d results (%d targets with more than one)%n", TARGETS,
                    TARGETS - calls.values().stream().filter(c -> c.stream().anyMatch(r -> r.status() == 200)).count(),
                    results.values().stream().mapToLong(List::size).sum(), results.values().stream().filter(r -> r.size() > 1).count());
            assertThat(results).hasSize(TARGETS);
            assertThat(results.values()).allSatisfy(r -> assertThat(r).hasSize(1));
            assertThat(results.values()).allSatisfy(r -> assertThat(r.get(0).get("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL"));
            assertThat(longest).as("no call answered more than a moment before a kill is made again")
                    .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(MOMENT));
            // with resend a call does not wait for its mark: a kill may lose the mark of a call it also lost, or keep
            // the mark of a call it stopped before sending, so each kill may leave Attempts one off the calls made
            calls.forEach((address, made) -> assertThat(results.get(address).get(0).get("Attempts").asInt())
                    .as(address).isBetween(made.size() - KILLS, made.size() + KILLS));
        }
    }

    @Test
    void withDeadLetterSettingACallInFlightAtTheKillIsDeadLetteredNeverSentTwiceAndReplayable() throws Exception {
        Map<String, String> settings = settings("dead-letter");
        String broker = settings.get("pushrelay.broker.url");
        String rid = "crash-dl-" + UUID.randomUUID();
        try (GatewayProcess first = GatewayProcess.start(settings, List.of("-Xmx512m"))) {
            send(broker, request(rid));
            await().atMost(Duration.ofSeconds(60)).until(() -> delivered() >= TARGETS / 3);
            first.kill();
        }
        try (GatewayProcess second = GatewayProcess.start(settings, List.of("-Xmx512m"))) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> accountedFor(broker, rid) == TARGETS);
            List<JsonNode> letters = deadLetters(broker, rid);
            System.out.printf("crash recovery (in-flight-at-crash=dead-letter): %d delivered, %d dead-lettered as in flight "
                    + "at the kill, %d addresses called more than once%n", delivered(), letters.size(),
                    callsByAddress().values().stream().filter(c -> c.size() > 1).count());
            assertThat(letters).as("calls were in flight at the kill").isNotEmpty();
            assertThat(letters).allSatisfy(l -> {
                assertThat(l.get("Reason").asText()).isEqualTo("InFlightAtCrash");
                assertThat(l.get("Retryable").asBoolean()).isTrue();
            });
            assertThat(callsByAddress().values()).as("nothing sent twice").allSatisfy(c -> assertThat(c).hasSize(1));
            Map<String, List<JsonNode>> results = results(broker, rid);
            assertThat(results).hasSize(TARGETS);
            assertThat(results.values()).allSatisfy(r -> assertThat(r).hasSize(1));
            List<String> lost = letters.stream().map(l -> l.get("Address").asText()).toList();
            assertThat(lost).allSatisfy(a -> assertThat(results.get(a).get(0).get("DeliveryStatus").asText()).isEqualTo("UNKNOWN_FAILURE"));

            JsonNode replayed = Json.tree(request(broker, "push.replay", "{\"Reason\":\"InFlightAtCrash\",\"RequestId\":\"" + rid + "\"}"));
            assertThat(replayed.get("Replayed").asInt()).isEqualTo(letters.size());
            await().atMost(Duration.ofSeconds(30)).until(() -> delivered() == TARGETS);
            // the call in flight may or may not have reached the provider before the kill
            assertThat(lost).allSatisfy(a -> assertThat(callsByAddress().get(a)).hasSizeBetween(1, 2)
                    .anyMatch(c -> c.status() == 200));
        }
    }

    Map<String, String> settings(String inFlightAtCrash) {
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
        settings.put("pushrelay.delivery.in-flight-at-crash", inFlightAtCrash);
        return settings;
    }

    static String request(String rid) {
        StringBuilder addresses = new StringBuilder();
        for (int i = 0; i < TARGETS; i++) {
            boolean adm = i % 2 == 0;
            String address = adm ? String.format("amzn1.adm-registration.v3.crash%06d", i) : String.format("crash%06d:APA91bToken", i);
            addresses.append(i == 0 ? "" : ",").append("\"").append(address).append("\":{\"ChannelType\":\"")
                    .append(adm ? "ADM" : "GCM").append("\"}");
        }
        return "{\"RequestId\":\"" + rid + "\",\"Addresses\":{" + addresses + "},\"MessageConfiguration\":"
                + "{\"DefaultPushNotificationMessage\":{\"Title\":\"t\",\"Body\":\"b\"}}}";
    }

    /**
     * For each call made again after kill {@code k} (and before the next), how long before the kill the call before it
     * had been answered: negative when the answer came only after the kill (the call was in flight).
     */
    static List<Duration> answeredBeforeKill(Map<String, List<RecordedCall>> calls, List<Instant> kills, int k) {
        Instant kill = kills.get(k);
        Instant next = k + 1 < kills.size() ? kills.get(k + 1) : Instant.MAX;
        List<Duration> before = new ArrayList<>();
        for (List<RecordedCall> made : calls.values()) {
            for (int i = 1; i < made.size(); i++) {
                Instant at = made.get(i).receivedAt();
                if (at.isAfter(kill) && at.isBefore(next)) {
                    before.add(Duration.between(made.get(i - 1).answeredAt(), kill));
                }
            }
        }
        return before;
    }

    static long count(List<Duration> durations, long fromMillis, long toMillis) {
        return durations.stream().filter(d -> d.toMillis() >= fromMillis && d.toMillis() < toMillis).count();
    }

    /** Addresses delivered (as far as the provider knows) or dead-lettered. */
    long accountedFor(String broker, String rid) throws Exception {
        Set<String> addresses = callsByAddress().entrySet().stream().filter(e -> e.getValue().stream().anyMatch(r -> r.status() == 200))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        deadLetters(broker, rid).forEach(l -> addresses.add(l.get("Address").asText()));
        return addresses.size();
    }

    long delivered() {
        return callsByAddress().values().stream().filter(c -> c.stream().anyMatch(r -> r.status() == 200)).count();
    }

    /** Every send call to ADM and FCM, by address, in the order they arrived. */
    Map<String, List<RecordedCall>> callsByAddress() {
        Map<String, List<RecordedCall>> byAddress = Stream.concat(sandbox.calls("adm").stream(), sandbox.calls("fcm").stream())
                .filter(c -> c.path().contains("messag"))
                .collect(Collectors.groupingBy(RecordedCall::address, Collectors.toList()));
        byAddress.values().forEach(c -> c.sort(Comparator.comparing(RecordedCall::receivedAt)));
        return byAddress;
    }

    static void send(String brokerUrl, String body) throws Exception {
        try (Connection connection = new ActiveMQConnectionFactory(brokerUrl).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("push.requests")).send(session.createTextMessage(body));
        }
    }

    static String request(String brokerUrl, String queue, String body) throws Exception {
        try (Connection connection = new ActiveMQConnectionFactory(brokerUrl).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            Message message = session.createTextMessage(body);
            message.setJMSReplyTo(replies);
            try (MessageProducer producer = session.createProducer(session.createQueue(queue));
                    MessageConsumer consumer = session.createConsumer(replies)) {
                producer.send(message);
                return consumer.receive(30_000).getBody(String.class);
            }
        }
    }

    /** The request's results on push.results, by address (taken off the queue). */
    static Map<String, List<JsonNode>> results(String brokerUrl, String requestId) throws Exception {
        Map<String, List<JsonNode>> results = new HashMap<>();
        try (Connection connection = new ActiveMQConnectionFactory(brokerUrl).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageConsumer consumer = session.createConsumer(session.createQueue("push.results"),
                    "RequestId = '" + requestId + "'")) {
                Message m;
                while ((m = consumer.receive(2000)) != null) {
                    JsonNode result = Json.tree(m.getBody(String.class));
                    results.computeIfAbsent(result.get("Address").asText(), a -> new ArrayList<>()).add(result);
                }
            }
        }
        return results;
    }

    /** The request's dead letters, browsed (left on the queue for the replay). */
    static List<JsonNode> deadLetters(String brokerUrl, String requestId) throws Exception {
        List<JsonNode> letters = new ArrayList<>();
        try (Connection connection = new ActiveMQConnectionFactory(brokerUrl).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (QueueBrowser browser = session.createBrowser(session.createQueue("push.dead-letters"),
                    "RequestId = '" + requestId + "'")) {
                for (Object m : Collections.list(browser.getEnumeration())) {
                    letters.add(Json.tree(((Message) m).getBody(String.class)));
                }
            }
        }
        return letters;
    }
}
