package io.pushrelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import jakarta.jms.Message;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.sandbox.Fault;
import io.pushrelay.sandbox.RecordedCall;
import io.pushrelay.support.JmsClient;
import io.pushrelay.support.GatewayTest;
import org.junit.jupiter.api.Test;

/** Operator replay of dead letters over push.replay: filters, dry runs, permanent and INACTIVE rules, and never twice. */
class ReplayTest extends GatewayTest {

    @Override
    protected Map<String, String> overrides() {
        return Map.of("pushrelay.retry.initial-delay", "100ms", "pushrelay.retry.max-attempts", "2");
    }

    JsonNode replay(String json) throws Exception {
        return ask("push.replay", json);
    }

    List<RecordedCall> successes(String provider, String address) {
        return sandbox.calls(provider).stream().filter(c -> address.equals(c.address()) && c.status() < 300).toList();
    }

    /** Sends to a retryably failing FCM token and a gone ADM ID; waits for both dead letters. */
    String failTwoTargets(String fcm, String adm) throws Exception {
        sandbox.fault(Fault.status("fcm", 503, -1).forAddress(fcm));
        sandbox.state().unregister("adm", adm);
        String rid = unique();
        jms.send("push.requests", "{\"RequestId\":\"" + rid + "\",\"Addresses\":{\"" + fcm + "\":{\"ChannelType\":\"GCM\"},\""
                + adm + "\":{\"ChannelType\":\"ADM\"}},\"MessageConfiguration\":{\"DefaultPushNotificationMessage\":{\"Body\":\"b\"}}}",
                Map.of());
        await().atMost(WAIT).until(() -> dryRun(rid).get("Matched").asInt() == 2);
        return rid;
    }

    JsonNode dryRun(String rid) throws Exception {
        return replay("{\"RequestId\":\"" + rid + "\",\"DryRun\":true}");
    }

    @Test
    void aDryRunCountsAndMovesNothingThenTheReplayDeliversAndLeavesOnlyThePermanentFailure() throws Exception {
        String fcm = "fcm" + unique() + ":APA91b";
        String adm = "amzn1.adm-registration.v3." + unique();
        String rid = failTwoTargets(fcm, adm);
        JsonNode dry = dryRun(rid);
        assertThat(dry.get("Replayed").asInt()).isEqualTo(1);
        assertThat(dry.get("SkippedBecause").get("Permanent").asInt()).isEqualTo(1);
        assertThat(dry.get("DryRun").asBoolean()).isTrue();
        assertThat(dryRun(rid).get("Matched").asInt()).isEqualTo(2);

        sandbox.state().clearFaults();
        JsonNode done = replay("{\"RequestId\":\"" + rid + "\",\"Channel\":\"GCM\"}");
        assertThat(done.get("Matched").asInt()).isEqualTo(1);
        assertThat(done.get("Replayed").asInt()).isEqualTo(1);
        assertThat(done.get("DryRun").asBoolean()).isFalse();
        await().atMost(WAIT).until(() -> successes("fcm", fcm).size() == 1);
        JsonNode left = dryRun(rid);
        assertThat(left.get("Matched").asInt()).isEqualTo(1);
        assertThat(left.get("SkippedBecause").get("Permanent").asInt()).isEqualTo(1);
    }

    @Test
    void aCopyOfAReplayedDeadLetterIsDroppedNotSentTwice() throws Exception {
        String fcm = "fcm" + unique() + ":APA91b";
        String rid = failTwoTargets(fcm, "amzn1.adm-registration.v3." + unique());
        Message letter = jms.receive("push.dead-letters", "RequestId = '" + rid + "' AND ChannelType = 'GCM'", 1, WAIT).get(0);
        String copy = JmsClient.text(letter);
        String id = letter.getStringProperty("DeadLetterId");
        jms.send("push.dead-letters", copy, Map.of("DeadLetterId", id, "RequestId", rid, "ChannelType", "GCM", "Reason", "UNAVAILABLE",
                "Retryable", "true"));
        sandbox.state().clearFaults();
        assertThat(replay("{\"RequestId\":\"" + rid + "\",\"Channel\":\"GCM\"}").get("Replayed").asInt()).isEqualTo(1);
        jms.send("push.dead-letters", copy, Map.of("DeadLetterId", id, "RequestId", rid, "ChannelType", "GCM", "Reason", "UNAVAILABLE",
                "Retryable", "true"));
        JsonNode again = replay("{\"RequestId\":\"" + rid + "\",\"Channel\":\"GCM\"}");
        assertThat(again.get("Replayed").asInt()).isZero();
        assertThat(again.get("SkippedBecause").get("AlreadyReplayed").asInt()).isEqualTo(1);
        await().atMost(WAIT).until(() -> successes("fcm", fcm).size() == 1);
        assertThat(replay("{\"RequestId\":\"" + rid + "\",\"Channel\":\"GCM\",\"DryRun\":true}").get("Matched").asInt()).isZero();
        assertThat(successes("fcm", fcm)).hasSize(1);
    }

    @Test
    void inactiveEndpointsAreSkippedUnlessForcedAndTheCurrentAddressIsUsed() throws Exception {
        String user = "u" + unique();
        String oldToken = "fcm" + unique() + ":APA91b";
        ask("push.endpoints", "{\"operation\":\"upsert\",\"EndpointId\":\"" + user + "-phone\",\"ChannelType\":\"GCM\",\"Address\":\""
                + oldToken + "\",\"User\":{\"UserId\":\"" + user + "\"}}");
        sandbox.state().unregister("fcm", oldToken);
        String rid = unique();
        ask("push.requests", "{\"RequestId\":\"" + rid + "\",\"Users\":{\"" + user + "\":{}},\"MessageConfiguration\":"
                + "{\"DefaultPushNotificationMessage\":{\"Body\":\"b\"}}}");
        await().atMost(WAIT).until(() -> ask("push.endpoints", "{\"operation\":\"get\",\"EndpointId\":\"" + user + "-phone\"}")
                .get("EndpointStatus").asText().equals("INACTIVE"));
        JsonNode skipped = replay("{\"RequestId\":\"" + rid + "\",\"IncludePermanent\":true}");
        assertThat(skipped.get("SkippedBecause").get("Inactive").asInt()).isEqualTo(1);

        String newToken = "fcm" + unique() + ":APA91b";
        ask("push.endpoints", "{\"operation\":\"upsert\",\"EndpointId\":\"" + user + "-phone\",\"ChannelType\":\"GCM\",\"Address\":\""
                + newToken + "\",\"User\":{\"UserId\":\"" + user + "\"},\"EndpointStatus\":\"INACTIVE\"}");
        JsonNode forced = replay("{\"RequestId\":\"" + rid + "\",\"IncludePermanent\":true,\"Force\":true}");
        assertThat(forced.get("Replayed").asInt()).isEqualTo(1);
        await().atMost(WAIT).until(() -> successes("fcm", newToken).size() == 1);
    }

    @Test
    void aBadCommandIsRejectedWithItsReason() throws Exception {
        assertThat(replay("{\"Channel\":\"SMS\"}").get("Reason").asText()).isEqualTo("UnsupportedChannel");
        assertThat(replay("not json").get("Reason").asText()).isEqualTo("InvalidJson");
        assertThat(replay("{\"Reason\":\"x' OR '1'='1\",\"DryRun\":true}").get("Matched").asInt()).isZero();
    }
}
