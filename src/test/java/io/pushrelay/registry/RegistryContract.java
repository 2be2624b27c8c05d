package io.pushrelay.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.message.ChannelType;
import io.pushrelay.message.DeliveryStatus;
import io.pushrelay.message.EndpointResult;
import io.pushrelay.message.Json;
import io.pushrelay.message.RegistryFeedback;
import io.pushrelay.message.RejectedRequest;
import io.pushrelay.message.Target;
import io.pushrelay.request.RequestParser;
import io.pushrelay.request.SendRequest;
import io.pushrelay.support.CountingDataSource;
import io.pushrelay.support.TestDatabases.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry's behaviour, run against H2 and against PostgreSQL by the two subclasses. */
abstract class RegistryContract {

    static final String ADM = "amzn1.adm-registration.v3.QURNLWRldmljZS0";
    static final String FCM = "fcmToken-0123456789abcdef:APA91b";

    abstract TestDatabase database() throws Exception;

    TestDatabase db;
    EndpointRegistry endpoints;
    GroupRegistry groups;
    EndpointOperations endpointOps;
    GroupOperations groupOps;
    final Clock clock = Clock.systemUTC();

    @BeforeEach
    void open() throws Exception {
        db = database();
        endpoints = new EndpointRegistry(db.dataSource(), clock);
        groups = new GroupRegistry(db.dataSource());
        endpointOps = new EndpointOperations(endpoints);
        groupOps = new GroupOperations(groups, endpoints);
    }

    @AfterEach
    void close() {
        db.close();
    }

    Object endpointOp(String json) throws Exception {
        return endpointOps.apply(Json.tree(json));
    }

    JsonNode groupOp(String json) throws Exception {
        return Json.MAPPER.valueToTree(groupOps.adm(Json.tree(json)));
    }

    void register(String id, String channel, String address, String user, String optOut) throws Exception {
        endpointOp("{\"operation\":\"upsert\",\"EndpointId\":\"" + id + "\",\"ChannelType\":\"" + channel + "\",\"Address\":\""
                + address + "\"" + (user == null ? "" : ",\"User\":{\"UserId\":\"" + user + "\"}") + ",\"OptOut\":\"" + optOut + "\"}");
    }

    @Test
    void endpointsAreStoredAsPinpointModelsThem() throws Exception {
        Object stored = endpointOp("{\"operation\":\"upsert\",\"EndpointId\":\"e1\",\"ChannelType\":\"ADM\",\"Address\":\"" + ADM
                + "1\",\"User\":{\"UserId\":\"u1\"},\"Attributes\":{\"room\":[\"412\"]}}");
        assertThat(Json.write(stored)).isEqualTo("{\"EndpointId\":\"e1\",\"ChannelType\":\"ADM\",\"Address\":\"" + ADM
                + "1\",\"User\":{\"UserId\":\"u1\"},\"OptOut\":\"NONE\",\"EndpointStatus\":\"ACTIVE\",\"Attributes\":{\"room\":[\"412\"]}}");
        assertThat(Json.write(endpointOp("{\"operation\":\"get\",\"EndpointId\":\"e1\"}"))).isEqualTo(Json.write(stored));
        register("e2", "GCM", FCM + "2", "u1", "ALL");
        JsonNode list = Json.MAPPER.valueToTree(endpointOp("{\"operation\":\"list-by-user\",\"User\":{\"UserId\":\"u1\"}}"));
        assertThat(list.get("Item")).hasSize(2);
        endpointOp("{\"operation\":\"delete\",\"EndpointId\":\"e1\"}");
        assertThat(Json.write(endpointOp("{\"operation\":\"get\",\"EndpointId\":\"e1\"}"))).contains("NotFound");
    }

    @Test
    void badEndpointsAreRejectedWithTheRuleTheyBreak() {
        assertThatThrownBy(() -> endpointOp("{\"operation\":\"upsert\",\"EndpointId\":\"e\",\"ChannelType\":\"SMS\",\"Address\":\"+1555\"}"))
                .isInstanceOf(RejectedRequest.class).hasMessageContaining("SMS");
        assertThatThrownBy(() -> endpointOp("{\"operation\":\"upsert\",\"EndpointId\":\"e\",\"ChannelType\":\"ADM\",\"Address\":\"nope\"}"))
                .isInstanceOf(RejectedRequest.class).hasMessageContaining("ADM registration ID");
        assertThatThrownBy(() -> endpointOp("{\"operation\":\"upsert\",\"EndpointId\":\"e\",\"ChannelType\":\"ADM\",\"Address\":\"" + ADM
                + "1\",\"OptOut\":\"SOME\"}")).hasMessageContaining("OptOut");
        assertThatThrownBy(() -> endpointOp("{\"operation\":\"merge\"}")).hasMessageContaining("operation");
    }

    @Test
    void admCreateHasPartialSuccessAndCreatesNothingWhenNothingSucceeds() throws Exception {
        register("gone", "ADM", ADM + "gone", null, "NONE");
        new FeedbackApplier(db.dataSource(), clock).apply(Json.write(new RegistryFeedback(ChannelType.ADM, ADM + "gone", null, null)));
        JsonNode created = groupOp("{\"operation\":\"create\",\"group_name\":\"g1\",\"registration_ids\":[\"" + ADM + "a\",\""
                + ADM + "b\",\"malformed\",\"" + ADM + "gone\"]}");
        assertThat(created.get("success").asInt()).isEqualTo(2);
        assertThat(created.get("failure").asInt()).isEqualTo(2);
        assertThat(created.get("failed_registration_ids")).extracting(JsonNode::asText).containsExactly("malformed", ADM + "gone");
        assertThat(groups.exists("g1")).isTrue();
        assertThat(endpoints.byAddress(ChannelType.ADM, ADM + "a")).hasSize(1);

        JsonNode none = groupOp("{\"operation\":\"create\",\"group_name\":\"g2\",\"registration_ids\":[\"bad\"]}");
        assertThat(none.get("success").asInt()).isZero();
        assertThat(groups.exists("g2")).isFalse();
    }

    @Test
    void admGroupsTakeAddRemoveRetrieveDeleteAndMixedMembers() throws Exception {
        groupOp("{\"operation\":\"create\",\"group_name\":\"mixed.group_1\",\"members\":[{\"ChannelType\":\"ADM\",\"Address\":\""
                + ADM + "a\"},{\"ChannelType\":\"GCM\",\"Address\":\"" + FCM + "a\"},{\"ChannelType\":\"ALEXA\",\"Address\":"
                + "\"amzn1.alexa.unit.did.UNIT0001\"}]}");
        JsonNode added = groupOp("{\"operation\":\"add\",\"group_name\":\"mixed.group_1\",\"registration_ids\":[\"" + ADM + "b\"]}");
        assertThat(added.get("success").asInt()).isEqualTo(1);
        JsonNode removed = groupOp("{\"operation\":\"remove\",\"group_name\":\"mixed.group_1\",\"registration_ids\":[\"" + ADM
                + "a\",\"" + ADM + "notamember\"]}");
        assertThat(removed.get("success").asInt()).isEqualTo(1);
        assertThat(removed.get("failed_registration_ids")).extracting(JsonNode::asText).containsExactly(ADM + "notamember");
        assertThat(groupOp("{\"operation\":\"retrieve\",\"group_name\":\"mixed.group_1\"}").get("registration_ids"))
                .extracting(JsonNode::asText).containsExactlyInAnyOrder(ADM + "b", FCM + "a", "amzn1.alexa.unit.did.UNIT0001");
        groupOp("{\"operation\":\"delete\",\"group_name\":\"mixed.group_1\"}");
        assertThat(groups.exists("mixed.group_1")).isFalse();
        assertThatThrownBy(() -> groupOp("{\"operation\":\"add\",\"group_name\":\"nosuch\",\"registration_ids\":[\"" + ADM + "x\"]}"))
                .isInstanceOf(RejectedRequest.class).satisfies(e -> assertThat(((RejectedRequest) e).reason()).isEqualTo("UnknownGroup"));
        assertThatThrownBy(() -> groupOp("{\"operation\":\"create\",\"group_name\":\"has space\",\"registration_ids\":[\"x\"]}"))
                .satisfies(e -> assertThat(((RejectedRequest) e).reason()).isEqualTo("InvalidGroupName"));
        assertThatThrownBy(() -> groupOp("{\"operation\":\"create\",\"group_name\":\"g\",\"channel\":\"SMS\",\"registration_ids\":[\"x\"]}"))
                .satisfies(e -> assertThat(((RejectedRequest) e).reason()).isEqualTo("UnsupportedChannel"));
    }

    @Test
    void fcmDeviceGroupsAnswerWithTheirNotificationKey() throws Exception {
        JsonNode created = Json.MAPPER.valueToTree(groupOps.fcm(Json.tree("{\"operation\":\"create\",\"notification_key_name\":"
                + "\"appUser-Chris\",\"registration_ids\":[\"" + FCM + "1\",\"bad\",\"" + FCM + "2\"]}")));
        String key = created.get("notification_key").asText();
        assertThat(key).startsWith("APA91b");
        assertThat(groups.activeAddresses("appUser-Chris")).containsExactlyInAnyOrder(FCM + "1", FCM + "2");
        assertThatThrownBy(() -> groupOps.fcm(Json.tree("{\"operation\":\"create\",\"notification_key_name\":\"appUser-Chris\","
                + "\"registration_ids\":[\"" + FCM + "3\"]}"))).hasMessage("notification_key already exists");
        JsonNode added = Json.MAPPER.valueToTree(groupOps.fcm(Json.tree("{\"operation\":\"add\",\"notification_key_name\":"
                + "\"appUser-Chris\",\"notification_key\":\"" + key + "\",\"registration_ids\":[\"" + FCM + "3\"]}")));
        assertThat(added.get("notification_key").asText()).isEqualTo(key);
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tooMany.add("\"" + FCM + "x" + i + "\"");
        }
        assertThatThrownBy(() -> groupOps.fcm(Json.tree("{\"operation\":\"add\",\"notification_key\":\"" + key
                + "\",\"registration_ids\":[" + String.join(",", tooMany) + "]}"))).hasMessageContaining("at most 20");
        groupOps.fcm(Json.tree("{\"operation\":\"remove\",\"notification_key\":\"" + key + "\",\"registration_ids\":[\""
                + FCM + "1\",\"" + FCM + "2\",\"" + FCM + "3\"]}"));
        assertThat(groups.exists("appUser-Chris")).isFalse();
    }

    SendRequest users(String json) throws Exception {
        return new RequestParser().parse(json, null, null, "ID:1");
    }

    @Test
    void usersFanOutToActiveEndpointsWithOptOutDuplicateAndUnknownSettled() throws Exception {
        register("ada-kindle", "ADM", ADM + "ada", "ada", "NONE");
        register("ada-phone", "GCM", FCM + "ada", "ada", "NONE");
        register("ada-old", "GCM", FCM + "adaold", "ada", "NONE");
        new FeedbackApplier(db.dataSource(), clock).apply(Json.write(new RegistryFeedback(ChannelType.GCM, FCM + "adaold", null, null)));
        register("bob-phone", "GCM", FCM + "bob", "bob", "ALL");
        register("cy-tablet", "ADM", ADM + "ada", "cy", "NONE");
        Resolution r = new RegistryDirectory(endpoints, groups, clock).resolve(users("{\"Users\":{\"ada\":{\"TitleOverride\":\"Hi Ada\"},"
                + "\"bob\":{},\"cy\":{},\"nobody\":{}},\"MessageConfiguration\":{}}"));
        List<Target> deliverable = new ArrayList<>();
        r.deliverable().forEach(deliverable::add);
        assertThat(deliverable).extracting(Target::endpointId).containsExactlyInAnyOrder("ada-kindle", "ada-phone");
        assertThat(deliverable).extracting(Target::titleOverride).containsOnly("Hi Ada");
        assertThat(r.settled()).extracting(EndpointResult::userId, EndpointResult::deliveryStatus).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("bob", DeliveryStatus.OPT_OUT),
                org.assertj.core.groups.Tuple.tuple("cy", DeliveryStatus.DUPLICATE),
                org.assertj.core.groups.Tuple.tuple("nobody", DeliveryStatus.PERMANENT_FAILURE));
        assertThat(r.settled().stream().filter(e -> "nobody".equals(e.userId())).findFirst().orElseThrow().statusMessage())
                .contains("has no active endpoints");
    }

    @Test
    void aHundredUsersAreResolvedInOneQuery() throws Exception {
        StringBuilder users = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            register("e" + i, "GCM", FCM + "u" + i, "user" + i, "NONE");
            users.append(i == 0 ? "" : ",").append("\"user").append(i).append("\":{}");
        }
        AtomicInteger statements = new AtomicInteger();
        EndpointRegistry counted = new EndpointRegistry(CountingDataSource.wrap(db.dataSource(), statements), clock);
        Resolution r = new RegistryDirectory(counted, groups, clock).resolve(users("{\"Users\":{" + users + "},\"MessageConfiguration\":{}}"));
        assertThat(r.deliverableCount()).isEqualTo(100);
        assertThat(statements.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void groupsStreamTheirReceivingMembersPageByPage() throws Exception {
        StringBuilder ids = new StringBuilder();
        int n = GroupRegistry.PAGE * 2 + 7;
        for (int i = 0; i < n; i++) {
            ids.append(i == 0 ? "" : ",").append("\"").append(FCM).append(String.format("%06d", i)).append("\"");
        }
        groupOp("{\"operation\":\"create\",\"group_name\":\"big\",\"channel\":\"GCM\",\"registration_ids\":[" + ids + "]}");
        Resolution r = new RegistryDirectory(endpoints, groups, clock).resolve(
                new RequestParser().parse("{\"group_name\":\"big\",\"data\":{}}", null, null, "ID:2"));
        assertThat(r.deliverableCount()).isEqualTo(n);
        assertThat(r.pagedGroup()).isEqualTo("big");
        int seen = 0;
        String previous = "";
        for (Endpoint e : groups.receivingMembers("big")) {
            assertThat(e.endpointId()).isGreaterThan(previous);
            previous = e.endpointId();
            seen++;
        }
        assertThat(seen).isEqualTo(n);
        assertThat(groups.receivingPage("big", "", 10)).hasSize(10);
        assertThatThrownBy(() -> new RegistryDirectory(endpoints, groups, clock).resolve(
                new RequestParser().parse("{\"group_name\":\"none\",\"data\":{}}", null, null, "ID:3")))
                .satisfies(e -> assertThat(((RejectedRequest) e).reason()).isEqualTo("UnknownGroup"));
    }

    @Test
    void feedbackMakesGoneEndpointsInactiveAndOutOfGroupsAndReplacesRotatedAddresses() throws Exception {
        register("k1", "ADM", ADM + "old", "u", "NONE");
        register("k2", "ADM", ADM + "gone", "u", "NONE");
        groupOp("{\"operation\":\"create\",\"group_name\":\"g\",\"registration_ids\":[\"" + ADM + "old\",\"" + ADM + "gone\"]}");
        FeedbackApplier feedback = new FeedbackApplier(db.dataSource(), clock);
        feedback.apply(Json.write(new RegistryFeedback(ChannelType.ADM, ADM + "gone", null, null)));
        feedback.apply(Json.write(new RegistryFeedback(ChannelType.ADM, ADM + "gone", null, null)));
        feedback.apply(Json.write(new RegistryFeedback(ChannelType.ADM, ADM + "old", ADM + "new", null)));
        assertThat(endpoints.get("k2").endpointStatus()).isEqualTo("INACTIVE");
        assertThat(endpoints.get("k1").address()).isEqualTo(ADM + "new");
        assertThat(groups.activeAddresses("g")).containsExactly(ADM + "new");
    }

}
