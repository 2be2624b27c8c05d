package io.pushrelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import jakarta.jms.Message;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.message.Json;
import io.pushrelay.support.JmsClient;
import io.pushrelay.support.GatewayTest;
import org.junit.jupiter.api.Test;

/** Users and groups through the real gateway: registry operations, enrichment, replies and provider feedback. */
class RegistryFlowTest extends GatewayTest {

    @Override
    protected Map<String, String> overrides() {
        return Map.of("pushrelay.retry.initial-delay", "200ms");
    }

    JsonNode endpoint(String id, String channel, String address, String user, String optOut) throws Exception {
        return ask("push.endpoints", "{\"operation\":\"upsert\",\"EndpointId\":\"" + id + "\",\"ChannelType\":\"" + channel
                + "\",\"Address\":\"" + address + "\",\"User\":{\"UserId\":\"" + user + "\"},\"OptOut\":\"" + optOut + "\"}");
    }

    static String usersRequest(String... users) {
        StringBuilder u = new StringBuilder();
        for (String user : users) {
            u.append(u.isEmpty() ? "" : ",").append("\"").append(user).append("\":{}");
        }
        return "{\"RequestId\":\"" + unique() + "\",\"Users\":{" + u + "},\"MessageConfiguration\":{\"DefaultPushNotificationMessage\":"
                + "{\"Title\":\"Dinner\",\"Body\":\"Your table is ready\"}}}";
    }

    @Test
    void usersFanOutToTheirEndpointsAndTheReplyIsSendUsersMessageResponse() throws Exception {
        String ada = "ada-" + unique();
        String bob = "bob-" + unique();
        String adm = "amzn1.adm-registration.v3." + unique();
        String fcm = "fcm" + unique() + ":APA91b";
        JsonNode stored = endpoint(ada + "-kindle", "ADM", adm, ada, "NONE");
        assertThat(stored.get("EndpointStatus").asText()).isEqualTo("ACTIVE");
        endpoint(ada + "-phone", "GCM", fcm, ada, "NONE");
        endpoint(bob + "-phone", "GCM", "fcm" + unique() + ":APA91b", bob, "ALL");

        String request = usersRequest(ada, bob, "nobody-" + unique());
        String rid = Json.tree(request).get("RequestId").asText();
        JsonNode reply = ask("push.requests", request);
        assertThat(reply.get("RequestId").asText()).isEqualTo(rid);
        assertThat(reply.at("/Result/" + ada + "/" + ada + "-kindle/DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
        assertThat(reply.at("/Result/" + ada + "/" + ada + "-phone/DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
        assertThat(reply.at("/Result/" + bob + "/" + bob + "-phone/DeliveryStatus").asText()).isEqualTo("OPT_OUT");
        List<Message> results = jms.receive("push.results", "RequestId = '" + rid + "'", 4, WAIT);
        assertThat(results).hasSize(4);
        assertThat(results).allSatisfy(m -> assertThat(Json.tree(JmsClient.text(m)).has("UserId")).isTrue());
        assertThat(calls("adm", adm)).hasSize(1);
        assertThat(calls("adm", adm).get(0).body()).contains("\"title\":\"Dinner\"");
    }

    @Test
    void groupsFanOutAcrossProvidersAndAnswerAsAdmDoes() throws Exception {
        String group = "pool-" + unique();
        String adm = "amzn1.adm-registration.v3." + unique();
        String fcm = "fcm" + unique() + ":APA91b";
        String unit = "amzn1.alexa.unit.did." + unique();
        JsonNode created = ask("push.groups", "{\"operation\":\"create\",\"group_name\":\"" + group + "\",\"members\":["
                + "{\"ChannelType\":\"ADM\",\"Address\":\"" + adm + "\"},{\"ChannelType\":\"GCM\",\"Address\":\"" + fcm + "\"},"
                + "{\"ChannelType\":\"ALEXA\",\"Address\":\"" + unit + "\"},{\"ChannelType\":\"ADM\",\"Address\":\"junk\"}]}");
        assertThat(created.get("success").asInt()).isEqualTo(3);
        assertThat(created.get("failed_registration_ids")).extracting(JsonNode::asText).containsExactly("junk");

        String rid = unique();
        JsonNode reply = ask("push.requests", "{\"RequestId\":\"" + rid + "\",\"group_name\":\"" + group + "\",\"data\":{\"offer\":\"2for1\"},"
                + "\"notification\":{\"title\":\"Pool\",\"body\":\"Happy hour\"}}");
        assertThat(reply.get("success").asInt()).isEqualTo(3);
        assertThat(reply.get("failure").asInt()).isZero();
        List<Message> results = jms.receive("push.results", "RequestId = '" + rid + "'", 3, WAIT);
        assertThat(results).extracting(m -> Json.tree(JmsClient.text(m)).get("GroupName").asText()).containsOnly(group);
        assertThat(calls("alexa", unit).get(0).body()).contains("\"text\":\"Pool. Happy hour\"");
    }

    @Test
    void anUnknownGroupIsAnErrorAndAnInvalidEntry() throws Exception {
        String body = "{\"RequestId\":\"" + unique() + "\",\"group_name\":\"no-such-group\",\"data\":{}}";
        JsonNode reply = ask("push.requests", body);
        assertThat(reply.get("Reason").asText()).isEqualTo("UnknownGroup");
        assertThat(jms.receive("push.invalid", "Reason = 'UnknownGroup'", 1, WAIT)).hasSize(1);
        JsonNode badChannel = ask("push.groups", "{\"operation\":\"create\",\"group_name\":\"g" + unique()
                + "\",\"channel\":\"SMS\",\"registration_ids\":[\"x\"]}");
        assertThat(badChannel.get("Reason").asText()).isEqualTo("UnsupportedChannel");
    }

    @Test
    void aGoneTokenMakesItsEndpointInactiveAndTheNextRequestSkipsIt() throws Exception {
        String user = "u-" + unique();
        String adm = "amzn1.adm-registration.v3." + unique();
        String fcm = "fcm" + unique() + ":APA91b";
        endpoint(user + "-kindle", "ADM", adm, user, "NONE");
        endpoint(user + "-phone", "GCM", fcm, user, "NONE");
        sandbox.state().unregister("fcm", fcm);
        JsonNode first = ask("push.requests", usersRequest(user));
        assertThat(first.at("/Result/" + user + "/" + user + "-phone/DeliveryStatus").asText()).isEqualTo("PERMANENT_FAILURE");
        await().atMost(WAIT).until(() -> ask("push.endpoints", "{\"operation\":\"get\",\"EndpointId\":\"" + user + "-phone\"}")
                .get("EndpointStatus").asText().equals("INACTIVE"));
        JsonNode second = ask("push.requests", usersRequest(user));
        assertThat(second.path("Result").path(user).has(user + "-phone")).isFalse();
        assertThat(second.at("/Result/" + user + "/" + user + "-kindle/DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
        assertThat(calls("fcm", fcm)).hasSize(1);
    }

    @Test
    void aRotatedRegistrationIdIsReportedAndUsedFromThenOn() throws Exception {
        String group = "rot-" + unique();
        String oldId = "amzn1.adm-registration.v3.old" + unique();
        String newId = "amzn1.adm-registration.v3.new" + unique();
        ask("push.groups", "{\"operation\":\"create\",\"group_name\":\"" + group + "\",\"registration_ids\":[\"" + oldId + "\"]}");
        sandbox.state().rotate(oldId, newId);
        String rid = unique();
        ask("push.requests", "{\"RequestId\":\"" + rid + "\",\"group_name\":\"" + group + "\",\"data\":{\"k\":\"v\"}}");
        JsonNode result = Json.tree(JmsClient.text(jms.receive("push.results", "RequestId = '" + rid + "'", 1, WAIT).get(0)));
        assertThat(result.get("UpdatedToken").asText()).isEqualTo(newId);
        await().atMost(WAIT).until(() -> ask("push.groups", "{\"operation\":\"retrieve\",\"group_name\":\"" + group + "\"}")
                .get("registration_ids").get(0).asText().equals(newId));
        ask("push.requests", "{\"RequestId\":\"" + unique() + "\",\"group_name\":\"" + group + "\",\"data\":{\"k\":\"v\"}}");
        assertThat(calls("adm", newId)).hasSize(1);
        assertThat(calls("adm", oldId)).hasSize(1);
    }
}
