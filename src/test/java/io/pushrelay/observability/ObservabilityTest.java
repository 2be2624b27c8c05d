package io.pushrelay.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.message.Json;
import io.pushrelay.sandbox.Fault;
import io.pushrelay.support.GatewayTest;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees of providers in trouble, driven through the queues with the sandbox's faults: one WARN line
 * per state change (read from the log itself), the provider-* health checks going DOWN and UP, and the pushrelay_*
 * series with their labels and counts on /observe/metrics.
 */
class ObservabilityTest extends GatewayTest {

    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);

    private final HttpClient http = HttpClient.newHttpClient();
    private final LogLines log = new LogLines(Level.WARN);

    @Override
    protected Map<String, String> overrides() {
        return Map.of("pushrelay.retry.initial-delay", "200ms", "pushrelay.retry.max-delay", "500ms",
                "pushrelay.adm.retry.max-attempts", "10", "pushrelay.fcm.retry.max-attempts", "30",
                "pushrelay.alexa.circuit.failure-threshold", "3", "pushrelay.alexa.circuit.open-duration", "1s",
                "pushrelay.observe.dead-letter-summary", "1s", "pushrelay.observe.sample-interval", "200ms");
    }

    @BeforeAll
    void captureLog() {
        log.start();
    }

    @AfterAll
    void releaseLog() {
        log.stop();
    }

    @BeforeEach
    void clean() {
        sandbox.state().clearFaults();
        log.lines.clear();
    }

    @Test
    void aProviderThatFailsForAWhileIsOneLineWhenItStartsAndOneWhenItRecovers() throws Exception {
        String adm = "amzn1.adm-registration.v3." + unique();
        sandbox.fault(Fault.status("adm", 503, 5).forAddress(adm));
        Map<String, Double> before = metrics();
        String rid = unique();
        jms.send("push.requests", request(rid, "ADM", List.of(adm)), Map.of());
        assertThat(forRequest("push.results", rid, 1).get(0).get("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
        await().atMost(WAIT).until(() -> log.containing("Provider adm answers again").size() == 1);
        assertThat(log.containing("Provider adm is failing")).hasSize(1).first().asString()
                .contains("3 calls in a row failed, the last with 503");
        assertThat(log.containing("adm")).hasSize(2);
        Map<String, Double> after = metrics();
        assertThat(delta(before, after, "pushrelay_notifications_total{channel=\"ADM\",status=\"SUCCESSFUL\"}")).isEqualTo(1);
        assertThat(delta(before, after, "pushrelay_requests_accepted_total{type=\"addresses\"}")).isEqualTo(1);
        assertThat(delta(before, after, "pushrelay_retries_scheduled_total{cause=\"provider-failure\",channel=\"ADM\"}"))
                .isEqualTo(5);
        assertThat(delta(before, after, "pushrelay_provider_request_seconds_count{channel=\"ADM\"}")).isEqualTo(6);
        assertThat(after).containsKey("pushrelay_provider_request_seconds_bucket{channel=\"ADM\",le=\"+Inf\"}");
        GatewayStatus.ProviderStatus status = status().provider("adm").orElseThrow();
        assertThat(status.failing()).isFalse();
        assertThat(status.lastError().text()).startsWith("503");
        assertThat(status.throughput()).hasSize(GatewayStatus.BUCKETS);
        assertThat(status.throughput().stream().mapToLong(r -> r.byStatus().getOrDefault("SUCCESSFUL", 0L)).sum()).isPositive();
    }

    @Test
    void deadLettersAreSummedUpPerIntervalByChannelAndReason() throws Exception {
        List<String> gone = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            gone.add("amzn1.adm-registration.v3." + unique());
            sandbox.state().unregister("adm", gone.get(i));
        }
        Map<String, Double> before = metrics();
        String rid = unique();
        jms.send("push.requests", request(rid, "ADM", gone), Map.of());
        await().atMost(WAIT).until(() -> !log.containing("dead letter(s) in the last 1s").isEmpty());
        assertThat(log.containing("dead letter(s)")).hasSize(1).first().asString()
                .startsWith("3 dead letter(s) in the last 1s: ADM Unregistered 3; push.dead-letters holds");
        Map<String, Double> after = metrics();
        assertThat(delta(before, after, "pushrelay_dead_letters_total{channel=\"ADM\",reason=\"Unregistered\"}")).isEqualTo(3);
        assertThat(delta(before, after, "pushrelay_notifications_total{channel=\"ADM\",status=\"PERMANENT_FAILURE\"}")).isEqualTo(3);
        // replayed, they fail the same way again: counted as replayed, and summed up in a line of their own
        assertThat(ask("push.replay", "{\"RequestId\":\"" + rid + "\",\"IncludePermanent\":true}").path("Replayed").asInt())
                .isEqualTo(3);
        assertThat(forRequest("push.dead-letters", rid, 3)).hasSize(3);
        await().atMost(WAIT).until(() -> log.containing("dead letter(s) in the last 1s").size() == 2);
        Map<String, Double> replayed = metrics();
        assertThat(delta(after, replayed, "pushrelay_dead_letters_replayed_total{channel=\"ADM\"}")).isEqualTo(3);
        assertThat(delta(after, replayed, "pushrelay_dead_letters_total{channel=\"ADM\",reason=\"Unregistered\"}")).isEqualTo(3);
    }

    @Test
    void anOpenCircuitIsDownInHealthAndOneLineWhenItOpensAndOneWhenItCloses() throws Exception {
        sandbox.fault(Fault.status("alexa", 503, -1));
        String rid = unique();
        jms.send("push.requests", request(rid, "ALEXA", List.of("amzn1.alexa.unit.did." + unique())), Map.of());
        await().atMost(WAIT).until(() -> status().provider("alexa").orElseThrow().circuitOpen());
        JsonNode health = health("/observe/health");
        assertThat(health.path("status").asText()).isEqualTo("DOWN");
        assertThat(statusCode("/observe/health")).isEqualTo(503);
        assertThat(statusCode("/observe/health/live")).isEqualTo(200);
        assertThat(check(health, "provider-alexa").path("status").asText()).isEqualTo("DOWN");
        assertThat(check(health, "provider-adm").path("status").asText()).isEqualTo("UP");
        assertThat(health("/observe/health/live").path("status").asText()).isEqualTo("UP");
        assertThat(health("/observe/health/ready").path("status").asText()).isEqualTo("UP");
        assertThat(metrics()).containsEntry("pushrelay_circuit_open{channel=\"ALEXA\",provider=\"alexa\"}", 1.0);
        sandbox.state().clearFaults();
        assertThat(forRequest("push.results", rid, 1).get(0).get("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
        await().atMost(WAIT).until(() -> "UP".equals(check(health("/observe/health"), "provider-alexa").path("status").asText()));
        assertThat(metrics()).containsEntry("pushrelay_circuit_open{channel=\"ALEXA\",provider=\"alexa\"}", 0.0);
        assertThat(log.containing("Circuit of provider alexa opened")).hasSize(1);
        assertThat(log.containing("Circuit of provider alexa closed")).hasSize(1);
    }

    @Test
    void aTokenEndpointThatFailsIsOneLineAndTheProviderIsDownUntilATokenComesAgain() throws Exception {
        Map<String, Double> before = metrics();
        sandbox.state().expireAllTokens();
        sandbox.fault(Fault.status("google", 503, -1));
        String rid = unique();
        jms.send("push.requests", request(rid, "GCM", List.of("fcm" + unique() + ":APA91b")), Map.of());
        String failures = "pushrelay_token_refreshes_total{outcome=\"failure\",provider=\"fcm\"}";
        // a second failed refresh (after the refresher's back-off) still makes no second line
        await().atMost(WAIT).until(() -> metrics().getOrDefault(failures, 0.0) - before.getOrDefault(failures, 0.0) >= 2);
        JsonNode down = check(health("/observe/health"), "provider-fcm");
        assertThat(down.path("status").asText()).isEqualTo("DOWN");
        assertThat(down.path("message").asText()).contains("access token of fcm cannot be refreshed");
        assertThat(status().provider("fcm").orElseThrow().tokenOk()).isFalse();
        assertThat(log.containing("Access token of provider fcm cannot be refreshed")).hasSize(1);
        sandbox.state().clearFaults();
        await().atMost(WAIT).until(() -> "UP".equals(check(health("/observe/health"), "provider-fcm").path("status").asText()));
        assertThat(forRequest("push.results", rid, 1).get(0).get("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
        assertThat(log.containing("Access token of provider fcm refreshed again")).hasSize(1);
        assertThat(log.containing("fcm")).hasSize(2);
        assertThat(delta(before, metrics(), "pushrelay_token_refreshes_total{outcome=\"success\",provider=\"fcm\"}"))
                .isPositive();
    }

    @Test
    void aSeriesOf429sIsOneLineAndTheReplyIsTimed() throws Exception {
        String adm = "amzn1.adm-registration.v3." + unique();
        sandbox.fault(Fault.status("adm", 429, 3).withRetryAfter("1").forAddress(adm));
        Map<String, Double> before = metrics();
        String rid = unique();
        // the reply is due at the first outcome: throttled, retry scheduled
        JsonNode reply = ask("push.requests", request(rid, "ADM", List.of(adm)));
        assertThat(reply.path("Result").findValuesAsText("DeliveryStatus")).as(reply.toString()).containsExactly("THROTTLED");
        assertThat(forRequest("push.results", rid, 1).get(0).get("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
        await().atMost(WAIT).until(() -> log.containing("Provider adm answers again").size() == 1);
        assertThat(log.containing("Provider adm is failing")).hasSize(1).first().asString().contains("429");
        Map<String, Double> after = metrics();
        assertThat(delta(before, after, "pushrelay_retries_scheduled_total{cause=\"provider-failure\",channel=\"ADM\"}"))
                .isEqualTo(3);
        assertThat(delta(before, after, "pushrelay_notifications_total{channel=\"ADM\",status=\"SUCCESSFUL\"}")).isEqualTo(1);
        assertThat(delta(before, after, "pushrelay_reply_seconds_count")).isEqualTo(1);
        assertThat(after).containsKey("pushrelay_reply_seconds_bucket{le=\"+Inf\"}");
    }

    @Test
    void theDepthOfEveryPushQueueIsReadFromTheBroker() throws Exception {
        await().atMost(WAIT).until(() -> metrics().containsKey("pushrelay_queue_depth{queue=\"push.invalid\"}"));
        double before = metrics().get("pushrelay_queue_depth{queue=\"push.invalid\"}");
        Map<String, Double> counted = metrics();
        for (int i = 0; i < 3; i++) {
            jms.send("push.requests", "not json " + i, Map.of());
        }
        await().atMost(WAIT).until(() -> metrics().get("pushrelay_queue_depth{queue=\"push.invalid\"}") == before + 3);
        assertThat(delta(counted, metrics(), "pushrelay_requests_rejected_total{queue=\"push.requests\",reason=\"InvalidJson\"}"))
                .isEqualTo(3);
        assertThat(status().queueDepths()).containsKeys("push.requests", "push.work.adm", "push.dead-letters", "push.invalid");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private GatewayStatus status() {
        return gateway.context().getRegistry().lookupByNameAndType(GatewayStatus.BEAN, GatewayStatus.class);
    }

    private static String request(String rid, String channel, List<String> addresses) {
        StringBuilder a = new StringBuilder();
        for (String address : addresses) {
            a.append(a.isEmpty() ? "" : ",").append("\"").append(address).append("\":{\"ChannelType\":\"").append(channel).append("\"}");
        }
        return "{\"RequestId\":\"" + rid + "\",\"Addresses\":{" + a + "},\"MessageConfiguration\":{\"DefaultPushNotificationMessage\":"
                + "{\"Title\":\"t\",\"Body\":\"b\"}}}";
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.httpUrl() + path)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private int statusCode(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.httpUrl() + path)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private JsonNode health(String path) throws Exception {
        return Json.tree(get(path));
    }

    private static JsonNode check(JsonNode health, String id) {
        for (JsonNode check : health.path("checks")) {
            if (id.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no check " + id + " in " + health);
    }

    /** Every sample of /observe/metrics by name and labels as printed ({@code name{a="x",b="y"}}). */
    private Map<String, Double> metrics() throws Exception {
        Map<String, Double> samples = new HashMap<>();
        Matcher m = SAMPLE.matcher(get("/observe/metrics"));
        while (m.find()) {
            samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
        }
        return samples;
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String sample) {
        assertThat(after).containsKey(sample);
        return after.get(sample) - before.getOrDefault(sample, 0.0);
    }
}
