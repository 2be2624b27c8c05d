package io.pushrelay.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pushrelay.message.ChannelType;
import io.pushrelay.message.PushMessage;
import io.pushrelay.message.RejectedRequest;
import org.junit.jupiter.api.Test;

class RequestParserTest {

    final RequestParser parser = new RequestParser();

    SendRequest parse(String json) throws RejectedRequest {
        return parser.parse(json, null, null, "ID:jms-1");
    }

    void rejected(String json, String reason) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(RejectedRequest.class)
                .satisfies(e -> assertThat(((RejectedRequest) e).reason()).isEqualTo(reason));
    }

    @Test
    void theShapeComesFromTheJson() throws Exception {
        assertThat(parse("{\"Users\":{\"u1\":{}},\"MessageConfiguration\":{}}").type()).isEqualTo(PushType.USERS);
        assertThat(parse("{\"Addresses\":{\"a\":{\"ChannelType\":\"GCM\"}},\"MessageConfiguration\":{}}").type())
                .isEqualTo(PushType.ADDRESSES);
        assertThat(parse("{\"group_name\":\"g1\",\"data\":{}}").type()).isEqualTo(PushType.GROUP);
        assertThat(parse("{\"recipients\":[{\"type\":\"Unit\",\"id\":\"u\"}],\"notification\":{\"variants\":[{}]}}").type())
                .isEqualTo(PushType.ALEXA);
    }

    @Test
    void requestIdFromTheBodyThenThePropertyThenTheJmsMessageId() throws Exception {
        String body = "{\"Addresses\":{\"a\":{\"ChannelType\":\"ADM\"}},\"MessageConfiguration\":{}}";
        assertThat(parser.parse(body, null, null, "ID:m").requestId()).isEqualTo("ID:m");
        assertThat(parser.parse(body, null, "prop-id", "ID:m").requestId()).isEqualTo("prop-id");
        assertThat(parser.parse(body.replace("{\"Addresses\"", "{\"RequestId\":\"body-id\",\"Addresses\""), null, "prop-id", "ID:m")
                .requestId()).isEqualTo("body-id");
    }

    @Test
    void channelBlocksOverrideTheDefaultsFieldByField() throws Exception {
        SendRequest request = parse("{\"Addresses\":{\"a\":{\"ChannelType\":\"ADM\"}},\"MessageConfiguration\":{"
                + "\"DefaultMessage\":{\"Body\":\"default body\",\"Substitutions\":{\"A\":[\"1\"],\"B\":[\"1\"]}},"
                + "\"DefaultPushNotificationMessage\":{\"Title\":\"push title\",\"Data\":{\"k\":\"v\",\"n\":3},\"Substitutions\":{\"B\":[\"2\"]}},"
                + "\"ADMMessage\":{\"Title\":\"adm title\",\"ExpiresAfter\":\"120\"},"
                + "\"GCMMessage\":{\"Priority\":\"High\",\"TimeToLive\":60}}}");
        PushMessage adm = request.messages().get(ChannelType.ADM);
        assertThat(adm.title()).isEqualTo("adm title");
        assertThat(adm.body()).isEqualTo("default body");
        assertThat(adm.expiresAfter()).isEqualTo(120L);
        assertThat(adm.data()).containsEntry("n", "3");
        assertThat(adm.substitutions()).containsEntry("A", "1").containsEntry("B", "2");
        PushMessage gcm = request.messages().get(ChannelType.GCM);
        assertThat(gcm.title()).isEqualTo("push title");
        assertThat(gcm.priority()).isEqualTo("high");
        assertThat(gcm.timeToLive()).isEqualTo(60L);
    }

    @Test
    void badInputIsRejectedWithTheRuleItBroke() {
        rejected("not json", "InvalidJson");
        rejected("[1,2]", "InvalidJson");
        rejected("{\"Hello\":1}", "UnknownShape");
        rejected("{\"Addresses\":{\"+15551234567\":{\"ChannelType\":\"SMS\"}},\"MessageConfiguration\":{}}", "UnsupportedChannel");
        rejected("{\"group_name\":\"bad name!\"}", "InvalidGroupName");
        rejected("{\"group_name\":\"" + "g".repeat(129) + "\"}", "InvalidGroupName");
        rejected("{\"Addresses\":{},\"MessageConfiguration\":{}}", "MissingTargets");
        rejected("{\"Addresses\":{\"a\":{\"ChannelType\":\"GCM\"}},\"MessageConfiguration\":{\"GCMMessage\":{\"Priority\":\"urgent\"}}}",
                "InvalidField");
        rejected("{\"Addresses\":{\"a\":{\"ChannelType\":\"GCM\"}},\"MessageConfiguration\":{\"GCMMessage\":{\"TimeToLive\":9999999}}}",
                "InvalidField");
        rejected("{\"Addresses\":{\"a\":{\"ChannelType\":\"GCM\"}},\"MessageConfiguration\":{\"DefaultPushNotificationMessage\":{\"Title\":5}}}",
                "InvalidField");
        rejected("{\"Addresses\":{\"a\":{\"ChannelType\":\"ADM\"}},\"Addresses\":{}}", "InvalidJson");
        rejected("{\"Addresses\":{\"a\":{\"ChannelType\":\"ADM\"}},\"MessageConfiguration\":{\"DefaultMessage\":{\"Body\":\""
                + "x".repeat(RequestParser.MAX_BODY_BYTES) + "\"}}}", "RequestTooLarge");
    }

    @Test
    void atMost100Users() {
        StringBuilder users = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            users.append(i == 0 ? "" : ",").append("\"u").append(i).append("\":{}");
        }
        rejected("{\"Users\":{" + users + "},\"MessageConfiguration\":{}}", "TooManyUsers");
    }

    @Test
    void pushTypeMustMatchTheBody() {
        assertThatThrownBy(() -> parser.parse("{\"group_name\":\"g\"}", "users", null, "ID:1"))
                .satisfies(e -> assertThat(((RejectedRequest) e).reason()).isEqualTo("ShapeMismatch"));
        assertThatThrownBy(() -> parser.parse("{\"group_name\":\"g\"}", "sms", null, "ID:1"))
                .satisfies(e -> assertThat(((RejectedRequest) e).reason()).isEqualTo("UnknownPushType"));
    }
}
