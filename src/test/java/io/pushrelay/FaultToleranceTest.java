package io.pushrelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.provider.ProviderGuard;
import io.pushrelay.sandbox.Fault;
import io.pushrelay.sandbox.RecordedCall;
import io.pushrelay.support.GatewayTest;
import org.junit.jupiter.api.Test;

/** Providers that fail, throttle, or whose token endpoint is down: nothing is lost, and nobody is hammered. */
class FaultToleranceTest extends GatewayTest {

    @Override
    protected Map<String, String> overrides() {
        return Map.of("pushrelay.retry.initial-delay", "200ms", "pushrelay.retry.max-delay", "1s",
                "pushrelay.retry.max-attempts", "30",
                "pushrelay.fcm.circuit.failure-threshold", "5", "pushrelay.fcm.circuit.open-duration", "1s",
                "pushrelay.alexa.rate-limit", "20");
    }

    static String addressesRequest(String rid, String channel, List<String> addresses) {
        StringBuilder a = new StringBuilder();
        for (String address : addresses) {
            a.append(a.isEmpty() ? "" : ",").append("\"").append(address).append("\":{\"ChannelType\":\"").append(channel).append("\"}");
        }
        return "{\"RequestId\":\"" + rid + "\",\"Addresses\":{" + a + "},\"MessageConfiguration\":{\"DefaultPushNotificationMessage\":"
                + "{\"Title\":\"t\",\"Body\":\"b\"}}}";
    }

    @Test
    void aProviderDownForAWhileGetsEverythingOnceItRecoversAndItsCircuitOpensMeanwhile() throws Exception {
        String prefix = "fcm" + unique();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tokens.add(prefix + i + ":APA91b");
        }
        sandbox.fault(Fault.status("fcm", 503, -1));
        String rid = unique();
        jms.send("push.requests", addressesRequest(rid, "GCM", tokens), Map.of());
        ProviderGuard guard = gateway.context().getRegistry().lookupByNameAndType("fcmGuard", ProviderGuard.class);
        await().atMost(WAIT).until(guard::open);
        assertThat(jms.receive("push.dead-letters", "RequestId = '" + rid + "'", 1, Duration.ofMillis(200))).isEmpty();
        sandbox.state().clearFaults();
        List<JsonNode> results = forRequest("push.results", rid, 40);
        assertThat(results).hasSize(40);
        assertThat(results).extracting(r -> r.get("DeliveryStatus").asText()).containsOnly("SUCCESSFUL");
        assertThat(guard.open()).isFalse();
        assertThat(sandbox.calls("fcm").stream().filter(c -> c.address() != null && c.address().startsWith(prefix) && c.status() == 200)
                .map(RecordedCall::address).distinct().count()).isEqualTo(40);
    }

    @Test
    void retryAfterOfTwoSecondsIsNeverUndercut() throws Exception {
        String adm = "amzn1.adm-registration.v3." + unique();
        sandbox.fault(Fault.status("adm", 429, 2).withRetryAfter("2").forAddress(adm));
        String rid = unique();
        jms.send("push.requests", addressesRequest(rid, "ADM", List.of(adm)), Map.of());
        assertThat(forRequest("push.results", rid, 1).get(0).get("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
        List<Instant> at = calls("adm", adm).stream().filter(c -> c.status() != 401).map(RecordedCall::receivedAt).toList();
        assertThat(at).hasSize(3);
        assertThat(Duration.between(at.get(0), at.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(Duration.between(at.get(1), at.get(2))).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theRateLimitSpreadsCalls() throws Exception {
        String prefix = "amzn1.alexa.unit.did." + unique();
        List<String> units = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            units.add(prefix + i);
        }
        String rid = unique();
        // overrides make each recipient its own call
        StringBuilder a = new StringBuilder();
        for (String unit : units) {
            a.append(a.isEmpty() ? "" : ",").append("\"").append(unit).append("\":{\"ChannelType\":\"ALEXA\",\"BodyOverride\":\"")
                    .append(unit).append("\"}");
        }
        jms.send("push.requests", "{\"RequestId\":\"" + rid + "\",\"Addresses\":{" + a + "},\"MessageConfiguration\":"
                + "{\"DefaultPushNotificationMessage\":{\"Body\":\"b\"}}}", Map.of());
        assertThat(forRequest("push.results", rid, 60)).hasSize(60);
        List<Instant> at = sandbox.calls("alexa").stream().filter(c -> c.address().startsWith(prefix) && c.status() == 202)
                .map(RecordedCall::receivedAt).sorted().toList();
        assertThat(at).hasSize(60);
        for (int i = 0; i + 30 < at.size(); i++) {
            assertThat(Duration.between(at.get(i), at.get(i + 30))).as("30 calls take more than a second at 20/s")
                    .isGreaterThan(Duration.ofMillis(900));
        }
    }

    @Test
    void aTokenEndpointDownForAWhileLosesNothingAndIsAskedByOneCallerAtATime() throws Exception {
        sandbox.state().expireAllTokens();
        sandbox.fault(Fault.status("lwa", 503, 6).withDelay(100));
        String prefix = "amzn1.adm-registration.v3." + unique();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(prefix + i);
        }
        String rid = unique();
        jms.send("push.requests", addressesRequest(rid, "ADM", ids), Map.of());
        List<JsonNode> results = forRequest("push.results", rid, 30);
        assertThat(results).hasSize(30);
        assertThat(results).extracting(r -> r.get("DeliveryStatus").asText()).containsOnly("SUCCESSFUL");
        assertThat(sandbox.state().maxConcurrent("lwa")).isEqualTo(1);
    }
}
