package io.pushrelay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.jms.Message;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.message.Json;
import io.pushrelay.request.RequestParser;
import io.pushrelay.sandbox.RecordedCall;
import io.pushrelay.support.GatewayTest;
import io.pushrelay.support.JmsClient;
import org.junit.jupiter.api.Test;

/**
 * Every target a request names gets exactly one result, and goes to its provider exactly as named: mixed shapes are
 * refused as a whole, addresses are percent-encoded in URL paths and never repaired, a malformed one fails without a
 * call, a user without endpoints is answered as Pinpoint answers it, and malformed passed-through bodies are refused
 * on their first delivery.
 */
class TargetIntegrityTest extends GatewayTest {

    static final String MESSAGE = "\"MessageConfiguration\":{\"DefaultMessage\":{\"Title\":\"T\",\"Body\":\"B\"}}";

    String adm() {
        return "amzn1.adm-registration.v3." + unique();
    }

    String unit() {
        return "amzn1.alexa.unit.did." + unique();
    }

    /** Sends with a reply queue: the reply and push.invalid give the reason, the body is parked unchanged, nothing is sent. */
    void rejected(String body, String reason) throws Exception {
        String rid = unique();
        String withId = "{\"RequestId\":\"" + rid + "\"," + body.substring(1);
        Message answer = jms.request("push.requests", withId, Map.of("RequestId", rid), WAIT);
        assertThat(answer).as("a reply").isNotNull();
        JsonNode reply = Json.tree(JmsClient.text(answer));
        assertThat(reply.path("Reason").asText()).as(reply.toString()).isEqualTo(reason);
        assertThat(reply.path("ReasonText").asText()).isNotBlank();
        assertThat(parked(reason, withId)).as("parked unchanged with Reason " + reason).isTrue();
        // a request served in part would have had results by the time the rest of it was refused
        assertThat(jms.receive("push.results", "RequestId = '" + rid + "'", 1, Duration.ofMillis(500))).isEmpty();
    }

    /** Whether push.invalid holds this body with this reason (the parked ones of earlier rejections are taken too). */
    boolean parked(String reason, String body) throws Exception {
        for (Message m = jms.receive("push.invalid", "Reason = '" + reason + "'", 1, WAIT).stream().findFirst().orElse(null);
                m != null; m = jms.receive("push.invalid", "Reason = '" + reason + "'", 1, WAIT).stream().findFirst().orElse(null)) {
            if (body.equals(JmsClient.text(m))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aMessageMixingShapesIsRejectedAsAWholeAndNothingIsSent() throws Exception {
        String adm = adm();
        String unit = unit();
        String addresses = "\"Addresses\":{\"" + adm + "\":{\"ChannelType\":\"ADM\"}}";
        rejected("{" + addresses + ",\"recipients\":[{\"type\":\"Unit\",\"id\":\"" + unit + "\"}],"
                + "\"notification\":{\"variants\":[]}," + MESSAGE + "}", "AmbiguousShape");
        rejected("{" + addresses + ",\"group_name\":\"g1\"," + MESSAGE + "}", "AmbiguousShape");
        rejected("{" + addresses + ",\"Users\":{\"u1\":{}}," + MESSAGE + "}", "AmbiguousShape");
        rejected("{\"Endpoints\":{\"e1\":{}},\"Users\":{\"u1\":{}}," + MESSAGE + "}", "AmbiguousShape");
        assertThat(calls("adm", adm)).isEmpty();
        assertThat(calls("alexa", unit)).isEmpty();
    }

    @Test
    void aNullShapeFieldCountsAsAbsent() throws Exception {
        String adm = adm();
        String rid = unique();
        JsonNode reply = ask("push.requests", "{\"RequestId\":\"" + rid + "\",\"Users\":null,\"group_name\":null,"
                + "\"recipients\":null,\"Endpoints\":null,\"Addresses\":{\"" + adm + "\":{\"ChannelType\":\"ADM\"}}," + MESSAGE + "}");
        assertThat(reply.at("/Result/" + adm + "/DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
    }

    @Test
    void anAlexaBodyWithANullVariantTypeIsRejectedOnFirstDelivery() throws Exception {
        String unit = unit();
        rejected("{\"recipients\":[{\"type\":\"Unit\",\"id\":\"" + unit + "\"}],\"notification\":{\"variants\":[{\"type\":null,"
                + "\"content\":{\"variants\":[{\"type\":\"SpokenText\",\"values\":[{\"locale\":\"en-US\",\"text\":\"hi\"}]}]}}]}}",
                "InvalidField");
        assertThat(calls("alexa", unit)).isEmpty();
    }

    @Test
    void aLoneSurrogateIsRejectedAsAWhole() throws Exception {
        String marker = unique();
        rejected("{\"Addresses\":{\"amzn1.adm-registration.v3." + marker + "\\ud800\":{\"ChannelType\":\"ADM\"}}," + MESSAGE + "}",
                "InvalidJson");
        assertThat(callsMentioning(marker)).isEmpty();
    }

    @Test
    void anAddressWithAControlCharacterFailsAloneAndIsNeverSent() throws Exception {
        String marker = unique();
        String good = adm();
        String[] bad = {"\\u0000", "\\r\\n", "\\t", "\\u001b", "\\u007f", "\\u0085", "\\ufffd"};
        StringBuilder addresses = new StringBuilder("\"" + good + "\":{\"ChannelType\":\"ADM\"}");
        int n = 0;
        for (String c : bad) {
            addresses.append(",\"amzn1.adm-registration.v3.").append(marker).append(c).append("adm\":{\"ChannelType\":\"ADM\"}");
            addresses.append(",\"").append(marker).append(c).append("fcmTokenAbcdefghijklmnop\":{\"ChannelType\":\"GCM\"}");
            addresses.append(",\"amzn1.alexa.unit.did.").append(marker).append(c).append("alexa\":{\"ChannelType\":\"ALEXA\"}");
            n += 3;
        }
        // the longest address there may be, all of it escaped in the result: its outcome still fits where replies wait
        String longest = "amzn1.adm-registration.v3." + marker;
        addresses.append(",\"").append(longest).append("\\u0000".repeat(RequestParser.MAX_ADDRESS_LENGTH - longest.length()))
                .append("\":{\"ChannelType\":\"ADM\"}");
        n++;
        String rid = unique();
        JsonNode reply = ask("push.requests", "{\"RequestId\":\"" + rid + "\",\"Addresses\":{" + addresses + "}," + MESSAGE + "}");
        assertThat(reply.path("Result").size()).isEqualTo(n + 1);
        assertThat(reply.at("/Result/" + good + "/DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
        List<JsonNode> results = forRequest("push.results", rid, n + 1);
        assertThat(results).hasSize(n + 1);
        List<JsonNode> failed = results.stream().filter(r -> !r.get("Address").asText().equals(good)).toList();
        assertThat(failed).hasSize(n).allSatisfy(r -> {
            assertThat(r.get("DeliveryStatus").asText()).isEqualTo("PERMANENT_FAILURE");
            assertThat(r.get("StatusMessage").asText()).contains("the address holds");
            assertThat(r.get("Address").asText()).contains(marker);
        });
        // the addresses come back exactly as they were named, control characters and all
        assertThat(failed).extracting(r -> r.get("Address").asText()).contains("amzn1.adm-registration.v3." + marker + "\u0000adm",
                marker + "\r\nfcmTokenAbcdefghijklmnop", "amzn1.alexa.unit.did." + marker + "\ufffdalexa");
        List<Message> deadLetters = jms.receive("push.dead-letters", "RequestId = '" + rid + "'", n, WAIT);
        assertThat(deadLetters).hasSize(n).allSatisfy(m -> assertThat(m.getStringProperty("Reason")).isEqualTo("InvalidAddress"));
        assertThat(callsMentioning(marker)).isEmpty();
        assertThat(calls("adm", good)).hasSize(1);
    }

    @Test
    void anAdmIdGoesOutPercentEncodedInItsPathAndIsReadBackExactly() throws Exception {
        String spaced = adm() + " x";
        String base64 = adm() + "+a/b=";
        String rid = unique();
        JsonNode reply = ask("push.requests", "{\"RequestId\":\"" + rid + "\",\"Addresses\":{\"" + spaced + "\":{\"ChannelType\":"
                + "\"ADM\"},\"" + base64 + "\":{\"ChannelType\":\"ADM\"}}," + MESSAGE + "}");
        RecordedCall spacedCall = calls("adm", spaced).get(0);
        assertThat(spacedCall.path()).isEqualTo("/adm/messaging/registrations/" + spaced.replace(" ", "%20") + "/messages");
        // ADM refuses an ID with a space as it was sent; it is not altered into another one
        assertThat(reply.path("Result").path(spaced).path("DeliveryStatus").asText()).isEqualTo("PERMANENT_FAILURE");
        assertThat(reply.path("Result").path(spaced).path("StatusMessage").asText()).isEqualTo("InvalidRegistrationId");
        RecordedCall base64Call = calls("adm", base64).get(0);
        assertThat(base64Call.path()).endsWith(base64.substring(0, base64.length() - 5) + "%2Ba%2Fb%3D/messages");
        assertThat(reply.path("Result").path(base64).path("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
    }

    @Test
    void aUserWithoutEndpointsIsAnsweredAsPushResultsSays() throws Exception {
        String user = "user-grace-" + unique();
        String rid = unique();
        JsonNode reply = ask("push.requests", "{\"RequestId\":\"" + rid + "\",\"Users\":{\"" + user + "\":{}}," + MESSAGE + "}");
        JsonNode answered = reply.path("Result").path(user).path("");
        JsonNode result = forRequest("push.results", rid, 1).get(0);
        assertThat(reply.path("Result").path(user).size()).isEqualTo(1);
        assertThat(answered.path("DeliveryStatus").asText()).isEqualTo("PERMANENT_FAILURE");
        assertThat(result.get("EndpointId").asText()).isEmpty();
        assertThat(result.get("UserId").asText()).isEqualTo(user);
        for (String field : List.of("DeliveryStatus", "StatusCode", "StatusMessage", "UserId", "EndpointId")) {
            assertThat(answered.get(field)).as(field).isEqualTo(result.get(field));
        }
    }

    /** Every call any provider received whose path or body names the marker. */
    List<RecordedCall> callsMentioning(String marker) {
        return java.util.stream.Stream.of("adm", "fcm", "alexa").flatMap(p -> sandbox.calls(p).stream())
                .filter(c -> c.path().contains(marker) || c.body().contains(marker)).toList();
    }
}
