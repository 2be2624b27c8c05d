package io.pushrelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.jms.Message;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.message.Json;
import io.pushrelay.sandbox.Fault;
import io.pushrelay.sandbox.ProviderSandbox;
import io.pushrelay.sandbox.RecordedCall;
import io.pushrelay.support.JmsClient;
import io.pushrelay.support.GatewayTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Send requests through the real gateway, over the embedded broker, to the sandbox: what goes on the wire, and what comes back. */
class SendPipelineTest extends GatewayTest {

    static final String ADM_ID = "amzn1.adm-registration.v3.Y29tLmV4YW1wbGUuZGV2aWNlLjAwMQ";
    static final String FCM_TOKEN = "fJx3bK9QTc2Zy8mN1pW4vE:APA91bGHXQBB9Kd2yZeXl7Rq0wUuT5ePjx3";
    static final String UNIT = "amzn1.alexa.unit.did.AHXYEXAMPLEUNIT001";

    @Override
    protected Map<String, String> overrides() {
        return Map.of("pushrelay.retry.initial-delay", "200ms", "pushrelay.retry.max-attempts", "3",
                "pushrelay.broker.redelivery-delay", "100ms", "pushrelay.broker.max-delivery-attempts", "3",
                "pushrelay.adm.circuit.failure-threshold", "1000", "pushrelay.fcm.circuit.failure-threshold", "1000");
    }

    @BeforeEach
    void reset() {
        sandbox.state().reset();
    }

    static String id() {
        return "test-" + unique();
    }

    static String admId() {
        return ADM_ID + unique();
    }

    static String fcmToken() {
        return FCM_TOKEN + unique();
    }

    static String unit() {
        return UNIT + unique();
    }

    JsonNode send(String body) throws Exception {
        return ask("push.requests", body);
    }

    static String addresses(String requestId, String addresses, String messageConfiguration) {
        return "{\"RequestId\":\"" + requestId + "\",\"Addresses\":{" + addresses + "},\"MessageConfiguration\":"
                + messageConfiguration + "}";
    }

    static String address(String address, String channel) {
        return "\"" + address + "\":{\"ChannelType\":\"" + channel + "\"}";
    }

    static final String MESSAGE = "{\"DefaultPushNotificationMessage\":{\"Title\":\"Pool party\",\"Body\":\"Happy hour!\","
            + "\"Data\":{\"campaign\":\"summer\"}},\"ADMMessage\":{\"ConsolidationKey\":\"hh\"},"
            + "\"GCMMessage\":{\"Priority\":\"high\",\"TimeToLive\":600}}";

    List<JsonNode> results(String requestId, int count) throws Exception {
        return forRequest("push.results", requestId, count);
    }

    List<Message> deadLetters(String requestId, int count) throws Exception {
        return jms.receive("push.dead-letters", "RequestId = '" + requestId + "'", count, WAIT);
    }

    @Test
    void eachProviderGetsExactlyItsWireFormat() throws Exception {
        String rid = id();
        String admId = admId();
        String token = fcmToken();
        String unit = unit();
        JsonNode reply = send(addresses(rid, address(admId, "ADM") + "," + address(token, "GCM") + ","
                + address(unit, "ALEXA"), MESSAGE));
        assertThat(reply.get("RequestId").asText()).isEqualTo(rid);
        assertThat(reply.at("/Result/" + admId + "/DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
        assertThat(reply.path("Result").findValuesAsText("DeliveryStatus")).containsOnly("SUCCESSFUL").hasSize(3);

        assertThat(calls("adm", admId)).hasSize(1);
        RecordedCall adm = calls("adm", admId).get(0);
        assertThat(adm.path()).isEqualTo("/adm/messaging/registrations/" + admId + "/messages");
        assertThat(adm.header("X-Amzn-Type-Version")).isEqualTo("com.amazon.device.messaging.ADMMessage@1.0");
        assertThat(adm.header("X-Amzn-Accept-Type")).isEqualTo("com.amazon.device.messaging.ADMSendResult@1.0");
        assertThat(adm.header("Accept")).isEqualTo("application/json");
        assertThat(adm.header("Content-Type")).startsWith("application/json");
        assertThat(adm.header("Authorization")).startsWith("Bearer Atc|");
        assertThat(adm.body()).isEqualTo("{\"data\":{\"campaign\":\"summer\"},\"notification\":{\"title\":\"Pool party\","
                + "\"body\":\"Happy hour!\"},\"consolidationKey\":\"hh\",\"expiresAfter\":604800,\"md5\":\"ukQMfr1iiSQ2t/cm9/883w==\"}");

        assertThat(calls("fcm", token)).hasSize(1);
        RecordedCall fcm = calls("fcm", token).get(0);
        assertThat(fcm.path()).isEqualTo("/fcm/v1/projects/" + ProviderSandbox.FCM_PROJECT_ID + "/messages:send");
        assertThat(fcm.header("Authorization")).startsWith("Bearer ya29.");
        assertThat(fcm.body()).isEqualTo("{\"message\":{\"token\":\"" + token + "\",\"notification\":{\"title\":"
                + "\"Pool party\",\"body\":\"Happy hour!\"},\"data\":{\"campaign\":\"summer\"},\"android\":{\"priority\":\"HIGH\","
                + "\"ttl\":\"600s\"}}}");

        assertThat(calls("alexa", unit)).hasSize(1);
        RecordedCall alexa = calls("alexa", unit).get(0);
        assertThat(alexa.path()).isEqualTo("/alexa/v3/notifications");
        assertThat(alexa.header("Accept")).isEqualTo("application/json");
        assertThat(alexa.body()).isEqualTo("{\"recipients\":[{\"type\":\"Unit\",\"id\":\"" + unit + "\"}],\"notification\":"
                + "{\"variants\":[{\"type\":\"DeviceNotification\",\"content\":{\"variants\":[{\"type\":\"SpokenText\","
                + "\"values\":[{\"locale\":\"en-US\",\"text\":\"Pool party. Happy hour!\"}]}]}}]}}");

        List<Message> results = jms.receive("push.results", "RequestId = '" + rid + "'", 3, WAIT);
        assertThat(results).hasSize(3);
        assertThat(results).extracting(m -> m.getStringProperty("DeliveryStatus")).containsOnly("SUCCESSFUL");
        assertThat(results).extracting(m -> m.getStringProperty("ChannelType")).containsExactlyInAnyOrder("ADM", "GCM", "ALEXA");
        assertThat(jms.receive("push.results", "RequestId = '" + rid + "'", 1, Duration.ofMillis(300))).isEmpty();
    }

    @Test
    void anExpiredTokenIsRefreshedOnceAndTheCallRetriedOnce() throws Exception {
        send(addresses(id(), address(admId(), "ADM"), MESSAGE));
        int tokens = sandbox.tokensIssued("adm");
        sandbox.state().expireAllTokens();
        String rid = id();
        String admId = admId();
        JsonNode reply = send(addresses(rid, address(admId, "ADM"), MESSAGE));
        assertThat(reply.path("Result").findValuesAsText("DeliveryStatus")).containsExactly("SUCCESSFUL");
        assertThat(sandbox.tokensIssued("adm")).isEqualTo(tokens + 1);
        assertThat(calls("adm", admId)).extracting(RecordedCall::status).containsExactly(401, 200);
        assertThat(results(rid, 1).get(0).get("Attempts").asInt()).isEqualTo(1);
    }

    static String alexaRequest(String unit) {
        return "{\"RequestId\":\"" + id() + "\",\"recipients\":[{\"type\":\"Unit\",\"id\":\"" + unit + "\"}],"
                + "\"notification\":{\"variants\":[{\"type\":\"DeviceNotification\",\"content\":{\"variants\":[{\"type\":"
                + "\"SpokenText\",\"values\":[{\"locale\":\"en-US\",\"text\":\"hi\"}]}]}}]}}";
    }

    @Test
    void aTokenAboutToExpireIsRefreshedBeforeTheCall() throws Exception {
        sandbox.tokenLifetime("alexa", Duration.ofSeconds(30));
        sandbox.state().expireAllTokens();
        String first = unit();
        send(alexaRequest(first));
        assertThat(calls("alexa", first)).extracting(RecordedCall::status).containsExactly(401, 202);
        int before = sandbox.tokensIssued("alexa");
        String second = unit();
        send(alexaRequest(second));
        assertThat(sandbox.tokensIssued("alexa")).isEqualTo(before + 1);
        assertThat(calls("alexa", second)).extracting(RecordedCall::status).containsExactly(202);
    }

    @Test
    void goneAddressesArePermanentFailuresWithADeadLetterAndOneCall() throws Exception {
        String admId = admId();
        String token = fcmToken();
        sandbox.state().unregister("adm", admId);
        sandbox.state().unregister("fcm", token);
        String rid = id();
        JsonNode reply = send(addresses(rid, address(admId, "ADM") + "," + address(token, "GCM"), MESSAGE));
        assertThat(reply.path("Result").findValuesAsText("DeliveryStatus")).containsOnly("PERMANENT_FAILURE");
        assertThat(calls("adm", admId)).hasSize(1);
        assertThat(calls("fcm", token)).hasSize(1);
        List<Message> letters = deadLetters(rid, 2);
        assertThat(letters).extracting(m -> m.getStringProperty("Reason")).containsExactlyInAnyOrder("Unregistered", "UNREGISTERED");
        assertThat(letters).extracting(m -> m.getStringProperty("Retryable")).containsOnly("false");
        JsonNode letter = Json.tree(JmsClient.text(letters.get(0)));
        assertThat(letter.get("Payload").get("Targets")).hasSize(1);
        assertThat(letter.get("Attempts").asInt()).isEqualTo(1);
    }

    @Test
    void throttlingIsRetriedNoEarlierThanRetryAfter() throws Exception {
        String admId = admId();
        sandbox.fault(Fault.status("adm", 429, 1).withRetryAfter("1").forAddress(admId));
        String rid = id();
        JsonNode reply = send(addresses(rid, address(admId, "ADM"), MESSAGE));
        JsonNode first = reply.path("Result").elements().next();
        assertThat(first.get("DeliveryStatus").asText()).isEqualTo("THROTTLED");
        assertThat(first.get("StatusMessage").asText()).contains("retry scheduled");
        JsonNode result = results(rid, 1).get(0);
        assertThat(result.get("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
        assertThat(result.get("Attempts").asInt()).isEqualTo(2);
        // a 401 may come between them when another test expired the tokens: it is refreshed and retried at once
        List<RecordedCall> calls = calls("adm", admId).stream().filter(c -> c.status() != 401).toList();
        assertThat(calls).extracting(RecordedCall::status).containsExactly(429, 200);
        assertThat(Duration.between(calls.get(0).receivedAt(), calls.get(1).receivedAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void transientFailuresAreDeadLetteredWhenTheAttemptsAreSpent() throws Exception {
        String token = fcmToken();
        sandbox.fault(Fault.status("fcm", 503, -1).forAddress(token));
        String rid = id();
        send(addresses(rid, address(token, "GCM"), MESSAGE));
        JsonNode result = results(rid, 1).get(0);
        assertThat(result.get("DeliveryStatus").asText()).isEqualTo("TEMPORARY_FAILURE");
        assertThat(result.get("Attempts").asInt()).isEqualTo(3);
        // the selectors docs/operations.md gives: Retryable is a boolean property, so the string 'true' matches nothing
        String selector = "RequestId = '" + rid + "' AND ChannelType = 'GCM' AND Retryable = ";
        assertThat(jms.receive("push.dead-letters", selector + "'true'", 1, Duration.ofMillis(200))).isEmpty();
        List<Message> letters = jms.receive("push.dead-letters", selector + "TRUE", 1, WAIT);
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).getStringProperty("Reason")).isEqualTo("UNAVAILABLE");
        assertThat(letters.get(0).getStringProperty("Retryable")).isEqualTo("true");
        assertThat(calls("fcm", token)).hasSize(3);
    }

    @Test
    void aPayloadOverTheLimitFailsWithoutACall() throws Exception {
        String rid = id();
        String admId = admId();
        String big = "{\"DefaultPushNotificationMessage\":{\"Body\":\"" + "x".repeat(7 * 1024) + "\"}}";
        JsonNode reply = send(addresses(rid, address(admId, "ADM"), big));
        JsonNode outcome = reply.path("Result").elements().next();
        assertThat(outcome.get("DeliveryStatus").asText()).isEqualTo("PERMANENT_FAILURE");
        assertThat(deadLetters(rid, 1).get(0).getStringProperty("Reason")).isEqualTo("PayloadTooLarge");
        assertThat(calls("adm", admId)).isEmpty();
    }

    @Test
    void badInputGoesToInvalidWithItsReasonAndAnAnswer() throws Exception {
        String body = addresses(id(), address("+15551234567", "SMS"), MESSAGE);
        JsonNode reply = send(body);
        assertThat(reply.get("Reason").asText()).isEqualTo("UnsupportedChannel");
        assertThat(reply.get("ReasonText").asText()).contains("SMS");
        Message invalid = jms.receive("push.invalid", "Reason = 'UnsupportedChannel'", 1, WAIT).get(0);
        assertThat(JmsClient.text(invalid)).isEqualTo(body);
        assertThat(invalid.getStringProperty("ReasonText")).contains("SMS");
    }

    @Test
    void theSameRequestIdNeverFansOutTwice() throws Exception {
        String rid = id();
        String admId = admId();
        send(addresses(rid, address(admId, "ADM"), MESSAGE));
        JsonNode again = send(addresses(rid, address(admId, "ADM"), MESSAGE));
        assertThat(again.get("Reason").asText()).isEqualTo("DuplicateRequest");
        assertThat(again.get("RequestId").asText()).isEqualTo(rid);
        assertThat(calls("adm", admId)).hasSize(1);
    }

    @Test
    void alexaRecipientsAreSplitIntoCallsOfAtMost100() throws Exception {
        String prefix = unit();
        StringBuilder recipients = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            recipients.append(i == 0 ? "" : ",").append("{\"type\":\"Unit\",\"id\":\"").append(prefix).append(i).append("\"}");
        }
        JsonNode reply = send("{\"RequestId\":\"" + id() + "\",\"recipients\":[" + recipients + "],\"notification\":{\"variants\":"
                + "[{\"type\":\"Announcement\",\"content\":{\"variants\":[{\"type\":\"SpokenText\",\"values\":[{\"locale\":"
                + "\"en-US\",\"text\":\"Fire drill at noon\"}]}]}}]}}");
        assertThat(reply.get("success").asInt()).isEqualTo(150);
        assertThat(reply.get("failure").asInt()).isZero();
        assertThat(sandbox.calls("alexa").stream().filter(c -> c.address().startsWith(prefix) && c.status() == 202))
                .extracting(c -> Json.tree(c.body()).get("recipients").size()).containsExactlyInAnyOrder(100, 50);
    }

    @Test
    void aFailingProviderDoesNotDelayTheOthers() throws Exception {
        String prefix = admId();
        StringBuilder admTargets = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            sandbox.fault(Fault.status("adm", 503, -1).withDelay(3000).forAddress(prefix + i));
            admTargets.append(i == 0 ? "" : ",").append(address(prefix + i, "ADM"));
        }
        String slow = id();
        jms.send("push.requests", addresses(slow, admTargets.toString(), MESSAGE), Map.of());
        await().atMost(WAIT).until(() -> gateway.context().getInflightRepository().size("deliver-adm") > 0);
        long start = System.nanoTime();
        JsonNode fast = send(addresses(id(), address(fcmToken(), "GCM"), MESSAGE));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(fast.path("Result").findValuesAsText("DeliveryStatus")).containsExactly("SUCCESSFUL");
        assertThat(took).isLessThan(Duration.ofMillis(2500));
        assertThat(jms.receive("push.results", "RequestId = '" + slow + "'", 1, Duration.ofMillis(100))).isEmpty();
    }

    @Test
    void aPoisonWorkMessageEndsOnInvalidAndTheQueueKeepsFlowing() throws Exception {
        jms.send("push.work.fcm", "{\"this is\": \"not a work batch\", \"Targets\": 7}", Map.of("RequestId", "poison"));
        Message parked = jms.receive("push.invalid", "Reason = 'ProcessingFailed'", 1, WAIT).get(0);
        assertThat(JmsClient.text(parked)).contains("not a work batch");
        JsonNode reply = send(addresses(id(), address(fcmToken(), "GCM"), MESSAGE));
        assertThat(reply.path("Result").findValuesAsText("DeliveryStatus")).containsExactly("SUCCESSFUL");
    }
}
