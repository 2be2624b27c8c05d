package io.pushrelay.provider.apns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.jms.Message;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.message.Json;
import io.pushrelay.sandbox.ApnsSimulator;
import io.pushrelay.sandbox.Fault;
import io.pushrelay.sandbox.RecordedCall;
import io.pushrelay.support.GatewayTest;
import io.pushrelay.support.JmsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** APNs through the real gateway, over the broker, to the sandbox's HTTP/2 TLS simulator. */
class ApnsDeliveryTest extends GatewayTest {

    static final String MESSAGE = "{\"DefaultPushNotificationMessage\":{\"Title\":\"Pool party\",\"Body\":\"Happy hour!\","
            + "\"Data\":{\"campaign\":\"summer\"}},\"APNSMessage\":{\"Badge\":3,\"Sound\":\"chime.caf\",\"Category\":\"INVITE\","
            + "\"ThreadId\":\"pool\",\"CollapseId\":\"hh\",\"Priority\":\"normal\",\"TimeToLive\":600,"
            + "\"MediaUrl\":\"https://example.com/pool.jpg\"}}";

    @Override
    protected Map<String, String> overrides() {
        return Map.of("pushrelay.retry.initial-delay", "200ms", "pushrelay.retry.max-attempts", "3",
                "pushrelay.apns.circuit.failure-threshold", "1000");
    }

    @BeforeEach
    void reset() {
        sandbox.state().reset();
        sandbox.apns().reset();
    }

    static String deviceToken() {
        return (unique() + unique()).toLowerCase();
    }

    JsonNode send(String rid, String token, String channel, String message) throws Exception {
        return ask("push.requests", "{\"RequestId\":\"" + rid + "\",\"Addresses\":{\"" + token + "\":{\"ChannelType\":\""
                + channel + "\"}},\"MessageConfiguration\":" + message + "}");
    }

    static String status(JsonNode reply) {
        return reply.path("Result").elements().next().get("DeliveryStatus").asText();
    }

    List<Message> deadLetters(String rid) throws Exception {
        return jms.receive("push.dead-letters", "RequestId = '" + rid + "'", 1, WAIT);
    }

    @Test
    void theCallIsApnsWireFormatOverHttp2() throws Exception {
        String token = deviceToken();
        Instant before = Instant.now();
        JsonNode reply = send(unique(), token, "APNS", MESSAGE);
        assertThat(status(reply)).isEqualTo("SUCCESSFUL");
        assertThat(reply.path("Result").elements().next().get("MessageId").asText()).matches("[0-9A-F-]{36}");
        RecordedCall call = calls("apns", token).get(0);
        assertThat(call.path()).isEqualTo("/3/device/" + token);
        assertThat(call.httpVersion()).isEqualTo("HTTP/2");
        assertThat(call.header("authorization")).startsWith("Bearer ey");
        assertThat(call.header("apns-topic")).isEqualTo(ApnsSimulator.TOPIC);
        assertThat(call.header("apns-push-type")).isEqualTo("alert");
        assertThat(call.header("apns-priority")).isEqualTo("5");
        assertThat(call.header("apns-collapse-id")).isEqualTo("hh");
        assertThat(Long.parseLong(call.header("apns-expiration"))).isBetween(before.getEpochSecond() + 600,
                Instant.now().getEpochSecond() + 600);
        assertThat(Json.tree(call.body())).isEqualTo(Json.tree("{\"aps\":{\"alert\":{\"title\":\"Pool party\",\"body\":"
                + "\"Happy hour!\"},\"badge\":3,\"sound\":\"chime.caf\",\"category\":\"INVITE\",\"thread-id\":\"pool\","
                + "\"mutable-content\":1},\"media-url\":\"https://example.com/pool.jpg\",\"campaign\":\"summer\"}"));
    }

    @Test
    void sandboxVoipAndSilentChannelsGetTheirEnvironmentTopicAndPushType() throws Exception {
        String sandboxToken = deviceToken();
        String voipToken = deviceToken();
        String silentToken = deviceToken();
        String plain = "{\"DefaultPushNotificationMessage\":{\"Title\":\"Call\",\"Body\":\"Ada is calling\"}}";
        assertThat(status(send(unique(), sandboxToken, "APNS_SANDBOX", plain))).isEqualTo("SUCCESSFUL");
        assertThat(status(send(unique(), voipToken, "APNS_VOIP_SANDBOX", plain))).isEqualTo("SUCCESSFUL");
        assertThat(status(send(unique(), silentToken, "APNS", "{\"APNSMessage\":{\"SilentPush\":true,"
                + "\"Data\":{\"sync\":\"inbox\"}}}"))).isEqualTo("SUCCESSFUL");

        RecordedCall sandboxCall = calls("apns", sandboxToken).get(0);
        assertThat(sandboxCall.path()).isEqualTo("/sandbox/3/device/" + sandboxToken);
        assertThat(sandboxCall.header("apns-priority")).isEqualTo("10");
        assertThat(sandboxCall.header("apns-expiration")).isNull();
        RecordedCall voip = calls("apns", voipToken).get(0);
        assertThat(voip.path()).isEqualTo("/sandbox/3/device/" + voipToken);
        assertThat(voip.header("apns-topic")).isEqualTo(ApnsSimulator.TOPIC + ".voip");
        assertThat(voip.header("apns-push-type")).isEqualTo("voip");
        RecordedCall silent = calls("apns", silentToken).get(0);
        assertThat(silent.header("apns-push-type")).isEqualTo("background");
        assertThat(silent.header("apns-priority")).isEqualTo("5");
        assertThat(Json.tree(silent.body())).isEqualTo(Json.tree("{\"aps\":{\"content-available\":1},\"sync\":\"inbox\"}"));
    }

    @Test
    void rawContentSubstitutionsAndPerTargetOverridesAreApplied() throws Exception {
        String a = deviceToken();
        String b = deviceToken();
        String rid = unique();
        JsonNode reply = ask("push.requests", "{\"RequestId\":\"" + rid + "\",\"Addresses\":{"
                + "\"" + a + "\":{\"ChannelType\":\"APNS\",\"TitleOverride\":\"Hi {{name}}\",\"Substitutions\":{\"name\":[\"Ada\"]}},"
                + "\"" + b + "\":{\"ChannelType\":\"APNS\",\"RawContent\":\"{\\\"aps\\\":{\\\"content-available\\\":1},\\\"k\\\":\\\"v\\\"}\"}},"
                + "\"MessageConfiguration\":{\"APNSMessage\":{\"Title\":\"Hello\",\"Body\":\"Dinner at {{place}}\","
                + "\"Substitutions\":{\"place\":[\"Luigi's\"]}}}}");
        assertThat(reply.path("Result").findValuesAsText("DeliveryStatus")).containsOnly("SUCCESSFUL").hasSize(2);
        assertThat(Json.tree(calls("apns", a).get(0).body()).path("aps").path("alert"))
                .isEqualTo(Json.tree("{\"title\":\"Hi Ada\",\"body\":\"Dinner at Luigi's\"}"));
        RecordedCall raw = calls("apns", b).get(0);
        assertThat(raw.body()).isEqualTo("{\"aps\":{\"content-available\":1},\"k\":\"v\"}");
        assertThat(raw.header("apns-push-type")).isEqualTo("background");
    }

    @Test
    void badDeviceTokenAndOtherBadRequestsArePermanentAndDeadLettered() throws Exception {
        for (String reason : List.of("BadDeviceToken", "BadTopic", "DeviceTokenNotForTopic", "BadExpirationDate")) {
            String token = deviceToken();
            sandbox.fault(Fault.status("apns", 400, 1).withReason(reason).forAddress(token));
            String rid = unique();
            assertThat(status(send(rid, token, "APNS", MESSAGE))).isEqualTo("PERMANENT_FAILURE");
            Message letter = deadLetters(rid).get(0);
            assertThat(letter.getStringProperty("Reason")).isEqualTo(reason);
            assertThat(letter.getStringProperty("Retryable")).isEqualTo("false");
            assertThat(calls("apns", token)).hasSize(1);
        }
    }

    @Test
    void aPayloadOverTheLimitFailsWithoutACallAndVoipHasMoreRoom() throws Exception {
        String body = "{\"DefaultPushNotificationMessage\":{\"Body\":\"" + "x".repeat(4500) + "\"}}";
        String token = deviceToken();
        String rid = unique();
        assertThat(status(send(rid, token, "APNS", body))).isEqualTo("PERMANENT_FAILURE");
        assertThat(deadLetters(rid).get(0).getStringProperty("Reason")).isEqualTo("PayloadTooLarge");
        assertThat(calls("apns", token)).isEmpty();
        String voip = deviceToken();
        assertThat(status(send(unique(), voip, "APNS_VOIP", body))).isEqualTo("SUCCESSFUL");
        assertThat(calls("apns", voip)).extracting(RecordedCall::status).containsExactly(200);
    }

    @Test
    void throttlingAndServerErrorsAreRetriedWithBackoff() throws Exception {
        for (int status : List.of(429, 500, 503)) {
            String token = deviceToken();
            sandbox.fault(Fault.status("apns", status, 1).forAddress(token));
            String rid = unique();
            send(rid, token, "APNS", MESSAGE);
            JsonNode result = forRequest("push.results", rid, 1).get(0);
            assertThat(result.get("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
            assertThat(result.get("Attempts").asInt()).isEqualTo(2);
            assertThat(calls("apns", token)).extracting(RecordedCall::status).containsExactly(status, 200);
        }
        String token = deviceToken();
        sandbox.fault(Fault.status("apns", 503, -1).withReason("Shutdown").forAddress(token));
        String rid = unique();
        send(rid, token, "APNS", MESSAGE);
        assertThat(forRequest("push.results", rid, 1).get(0).get("DeliveryStatus").asText()).isEqualTo("TEMPORARY_FAILURE");
        Message letter = deadLetters(rid).get(0);
        assertThat(letter.getStringProperty("Reason")).isEqualTo("Shutdown");
        assertThat(letter.getStringProperty("Retryable")).isEqualTo("true");
        assertThat(calls("apns", token)).hasSize(3);
    }

    @Test
    void oneProviderTokenServesEveryCallAndTheTeamIsNeverRefreshedTooOften() throws Exception {
        for (int i = 0; i < 5; i++) {
            StringBuilder addresses = new StringBuilder();
            for (int j = 0; j < 20; j++) {
                addresses.append(j == 0 ? "" : ",").append("\"").append(deviceToken()).append("\":{\"ChannelType\":\"APNS\"}");
            }
            JsonNode reply = ask("push.requests", "{\"RequestId\":\"" + unique() + "\",\"Addresses\":{" + addresses
                    + "},\"MessageConfiguration\":" + MESSAGE + "}");
            assertThat(reply.path("Result").findValuesAsText("DeliveryStatus")).containsOnly("SUCCESSFUL").hasSize(20);
        }
        List<RecordedCall> calls = sandbox.calls("apns");
        assertThat(calls).hasSize(100).extracting(RecordedCall::status).containsOnly(200);
        assertThat(calls).extracting(c -> c.header("authorization")).containsOnly(calls.get(0).header("authorization"));
        assertThat(sandbox.apns().providerTokensAccepted()).isLessThanOrEqualTo(1);
    }

    @Test
    void aRefusedProviderTokenIsRetriedOnceAndNeverReplacedSoonerThanApnsAllows() throws Exception {
        assertThat(status(send(unique(), deviceToken(), "APNS", MESSAGE))).isEqualTo("SUCCESSFUL");
        for (String reason : List.of("ExpiredProviderToken", "InvalidProviderToken")) {
            String token = deviceToken();
            sandbox.fault(Fault.status("apns", 403, 1).withReason(reason).forAddress(token));
            String rid = unique();
            assertThat(status(send(rid, token, "APNS", MESSAGE))).isEqualTo("SUCCESSFUL");
            List<RecordedCall> calls = calls("apns", token);
            assertThat(calls).extracting(RecordedCall::status).containsExactly(403, 200);
            // the token is minutes old: a new one now would be TooManyProviderTokenUpdates (ApnsTokenFetcherTest has
            // the replacement once it is 20 minutes old)
            assertThat(calls.get(1).header("authorization")).isEqualTo(calls.get(0).header("authorization"));
            assertThat(forRequest("push.results", rid, 1).get(0).get("Attempts").asInt()).isEqualTo(1);
        }
        assertThat(sandbox.apns().providerTokensAccepted()).isEqualTo(1);
        assertThat(sandbox.calls("apns")).extracting(RecordedCall::status).doesNotContain(429);
    }

    @Test
    void tooManyProviderTokenUpdatesIsThrottledAndRetried() throws Exception {
        String token = deviceToken();
        sandbox.fault(Fault.status("apns", 429, 1).withReason("TooManyProviderTokenUpdates").forAddress(token));
        String rid = unique();
        JsonNode reply = send(rid, token, "APNS", MESSAGE);
        assertThat(status(reply)).isEqualTo("THROTTLED");
        JsonNode result = forRequest("push.results", rid, 1).get(0);
        assertThat(result.get("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
        assertThat(result.get("Attempts").asInt()).isEqualTo(2);
        assertThat(calls("apns", token)).extracting(RecordedCall::status).containsExactly(429, 200);
    }

    @Test
    void anUnregisteredTokenMakesItsEndpointInactiveUnlessRegisteredAgainSince() throws Exception {
        String again = "u-" + unique();
        String gone = "u-" + unique();
        String back = deviceToken();
        String lost = deviceToken();
        // Apple says this token stopped working an hour ago: it was registered again since
        endpoint(again + "-phone", "APNS_SANDBOX", back, again);
        sandbox.apns().unregister(back, Instant.now().minus(Duration.ofHours(1)));
        endpoint(gone + "-phone", "APNS", lost, gone);
        sandbox.state().unregister("apns", lost);

        String first = unique();
        assertThat(users(first, again).at("/Result/" + again + "/" + again + "-phone/DeliveryStatus").asText())
                .isEqualTo("PERMANENT_FAILURE");
        // its feedback is on the registry's queue, published with the dead letter
        assertThat(deadLetters(first).get(0).getStringProperty("Reason")).isEqualTo("Unregistered");
        String second = unique();
        assertThat(users(second, gone).at("/Result/" + gone + "/" + gone + "-phone/DeliveryStatus").asText())
                .isEqualTo("PERMANENT_FAILURE");
        await().atMost(WAIT).until(() -> endpointStatus(gone + "-phone").equals("INACTIVE"));
        // one consumer applies the feedback in order: the first was applied before the second
        assertThat(endpointStatus(again + "-phone")).isEqualTo("ACTIVE");
        JsonNode next = users(unique(), gone);
        assertThat(next.path("Result").path(gone).has(gone + "-phone")).isFalse();
        assertThat(calls("apns", lost)).hasSize(1);
    }

    JsonNode users(String rid, String user) throws Exception {
        return ask("push.requests", "{\"RequestId\":\"" + rid + "\",\"Users\":{\"" + user + "\":{}},"
                + "\"MessageConfiguration\":" + MESSAGE + "}");
    }

    @Test
    void aMixedGroupReachesApnsMembersBesideTheOthers() throws Exception {
        String group = "mixed-" + unique();
        String apns = deviceToken();
        String voip = deviceToken();
        String adm = "amzn1.adm-registration.v3." + unique();
        String fcm = "fcm" + unique() + ":APA91b";
        JsonNode created = ask("push.groups", "{\"operation\":\"create\",\"group_name\":\"" + group + "\",\"members\":["
                + "{\"ChannelType\":\"APNS\",\"Address\":\"" + apns + "\"},{\"ChannelType\":\"APNS_VOIP\",\"Address\":\"" + voip + "\"},"
                + "{\"ChannelType\":\"ADM\",\"Address\":\"" + adm + "\"},{\"ChannelType\":\"GCM\",\"Address\":\"" + fcm + "\"},"
                + "{\"ChannelType\":\"APNS\",\"Address\":\"not-a-token\"}]}");
        assertThat(created.get("success").asInt()).isEqualTo(4);
        assertThat(created.get("failed_registration_ids")).extracting(JsonNode::asText).containsExactly("not-a-token");
        String rid = unique();
        JsonNode reply = ask("push.requests", "{\"RequestId\":\"" + rid + "\",\"group_name\":\"" + group + "\","
                + "\"data\":{\"offer\":\"2for1\"},\"notification\":{\"title\":\"Pool\",\"body\":\"Happy hour\"}}");
        assertThat(reply.get("success").asInt()).isEqualTo(4);
        List<JsonNode> results = forRequest("push.results", rid, 4);
        assertThat(results).extracting(r -> r.get("ChannelType").asText()).containsExactlyInAnyOrder("APNS", "APNS_VOIP", "ADM", "GCM");
        assertThat(results).extracting(r -> r.get("GroupName").asText()).containsOnly(group);
        assertThat(Json.tree(calls("apns", apns).get(0).body())).isEqualTo(Json.tree(
                "{\"aps\":{\"alert\":{\"title\":\"Pool\",\"body\":\"Happy hour\"}},\"offer\":\"2for1\"}"));
        assertThat(calls("apns", voip).get(0).header("apns-push-type")).isEqualTo("voip");
    }

    void endpoint(String id, String channel, String address, String user) throws Exception {
        JsonNode stored = ask("push.endpoints", "{\"operation\":\"upsert\",\"EndpointId\":\"" + id + "\",\"ChannelType\":\""
                + channel + "\",\"Address\":\"" + address + "\",\"User\":{\"UserId\":\"" + user + "\"}}");
        assertThat(stored.get("EndpointStatus").asText()).isEqualTo("ACTIVE");
    }

    String endpointStatus(String id) throws Exception {
        return ask("push.endpoints", "{\"operation\":\"get\",\"EndpointId\":\"" + id + "\"}").get("EndpointStatus").asText();
    }

    static String text(Message m) throws Exception {
        return JmsClient.text(m);
    }
}
