package io.pushrelay.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pushrelay.message.ChannelType;
import io.pushrelay.message.PushMessage;
import io.pushrelay.message.RejectedRequest;
import io.pushrelay.provider.adm.AdmFields;
import io.pushrelay.provider.fcm.FcmFields;
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
        assertThat(parse("{\"recipients\":[{\"type\":\"Unit\",\"id\":\"u\"}],\"notification\":" + SPOKEN + "}").type())
                .isEqualTo(PushType.ALEXA);
    }

    static final String SPOKEN = "{\"variants\":[{\"type\":\"DeviceNotification\",\"content\":{\"variants\":[{\"type\":"
            + "\"SpokenText\",\"values\":[{\"locale\":\"en-US\",\"text\":\"hi\"}]}]}}]}";
    static final String ADDRESSES = "\"Addresses\":{\"a\":{\"ChannelType\":\"ADM\"}}";
    static final String MESSAGE = "\"MessageConfiguration\":{}";

    @Test
    void aRequestOfTwoShapesIsNeither() {
        String recipients = "\"recipients\":[{\"type\":\"Unit\",\"id\":\"u\"}],\"notification\":" + SPOKEN;
        rejected("{" + ADDRESSES + "," + recipients + "," + MESSAGE + "}", "AmbiguousShape");
        rejected("{" + ADDRESSES + ",\"group_name\":\"g1\"," + MESSAGE + "}", "AmbiguousShape");
        rejected("{" + ADDRESSES + ",\"Users\":{\"u1\":{}}," + MESSAGE + "}", "AmbiguousShape");
        rejected("{\"Endpoints\":{\"e\":{}},\"Users\":{\"u1\":{}}," + MESSAGE + "}", "AmbiguousShape");
        rejected("{\"group_name\":\"g1\"," + recipients + "}", "AmbiguousShape");
        // the property cannot pick one of them
        assertThatThrownBy(() -> parser.parse("{" + ADDRESSES + ",\"group_name\":\"g1\"," + MESSAGE + "}", "addresses", null, "m"))
                .satisfies(e -> assertThat(((RejectedRequest) e).reason()).isEqualTo("AmbiguousShape"));
    }

    @Test
    void aNullFieldCountsAsAbsent() throws Exception {
        SendRequest r = parse("{\"Users\":null,\"group_name\":null,\"recipients\":null,\"Endpoints\":null,\"RequestId\":null,"
                + ADDRESSES + ",\"Context\":null,\"MessageConfiguration\":{\"DefaultMessage\":{\"Data\":{\"k\":\"v\"},"
                + "\"SilentPush\":null},\"ADMMessage\":{\"Data\":null,\"ExpiresAfter\":null,\"Priority\":null,\"Title\":null}}}");
        assertThat(r.type()).isEqualTo(PushType.ADDRESSES);
        assertThat(r.messages().get(ChannelType.ADM).data()).containsEntry("k", "v");
        assertThat(parse("{\"group_name\":\"g1\",\"MessageConfiguration\":null,\"notification\":null,\"data\":null,"
                + "\"expiresAfter\":null,\"priority\":null}").type()).isEqualTo(PushType.GROUP);
        rejected("{\"Users\":null," + MESSAGE + "}", "UnknownShape");
    }

    @Test
    void aLoneSurrogateAnywhereIsNotUnicodeText() {
        rejected("{\"Addresses\":{\"amzn1.adm-registration.v3.abcdefgh\\ud800\":{\"ChannelType\":\"ADM\"}}," + MESSAGE + "}",
                "InvalidJson");
        rejected("{" + ADDRESSES + ",\"MessageConfiguration\":{\"DefaultMessage\":{\"Body\":\"x\\udc00y\"}}}", "InvalidJson");
        rejected("{" + ADDRESSES + ",\"MessageConfiguration\":{\"DefaultMessage\":{\"Data\":{\"k\":[\"\\ud83d\"]}}}}", "InvalidJson");
        rejected("{\"recipients\":[{\"type\":\"Unit\",\"id\":\"\ud800\"}],\"notification\":" + SPOKEN + "}", "InvalidJson");
    }

    @Test
    void aPairedSurrogateAndControlCharactersInAnAddressAreTheTargetsOwnBusiness() throws Exception {
        // an emoji is well formed; a control character fails that one target at fan-out, not the whole request
        assertThat(parse("{" + ADDRESSES + ",\"MessageConfiguration\":{\"DefaultMessage\":{\"Body\":\"\\ud83d\\ude00\"}}}")
                .messages().get(ChannelType.ADM).body()).isEqualTo("\ud83d\ude00");
        assertThat(parse("{\"Addresses\":{\"a\\u0000b\":{\"ChannelType\":\"ADM\"}}," + MESSAGE + "}").addresses())
                .extracting(t -> t.address()).containsExactly("a\u0000b");
    }

    @Test
    void identifiersTheGatewayLooksUpHoldNoControlCharacters() {
        rejected("{\"RequestId\":\"r\\u0000\"," + ADDRESSES + "," + MESSAGE + "}", "InvalidField");
        rejected("{\"Users\":{\"u\\r\\n1\":{}}," + MESSAGE + "}", "InvalidField");
        rejected("{\"Endpoints\":{\"e\\u001b\":{}}," + MESSAGE + "}", "InvalidField");
        rejected("{\"Endpoints\":{\"\":{}}," + MESSAGE + "}", "InvalidField");
        rejected("{\"Endpoints\":{\"e\\u007f\":{}}," + MESSAGE + "}", "InvalidField");
        rejected("{\"Users\":{\"\\ufffd\":{}}," + MESSAGE + "}", "InvalidField");
    }

    @Test
    void aPassedThroughAlexaNotificationIsCheckedAsAlexaChecksIt() {
        String head = "{\"recipients\":[{\"type\":\"Unit\",\"id\":\"u\"}],\"notification\":";
        for (String notification : new String[] {"null", "{}", "{\"variants\":null}", "{\"variants\":[null]}",
                "{\"variants\":[{}]}", "{\"variants\":[{\"type\":null}]}", "{\"variants\":[{\"type\":7}]}",
                SPOKEN.replace("\"DeviceNotification\"", "null"),
                SPOKEN.replace("\"DeviceNotification\"", "\"Shout\""),
                SPOKEN.replace("{\"type\":\"DeviceNotification\",\"content\":{\"variants\":[", "{\"type\":\"Announcement\",\"content\":{\"variants\":[")
                        .replace("]}}]}", "]}}, " + SPOKEN.substring(13, SPOKEN.length() - 2) + "]}"),
                SPOKEN.replace("\"SpokenText\"", "null"), SPOKEN.replace("\"SpokenText\"", "\"V0Template\""),
                SPOKEN.replace("\"en-US\"", "null"), SPOKEN.replace("\"en-US\"", "\"english\""),
                SPOKEN.replace("\"hi\"", "null"), SPOKEN.replace("\"hi\"", "\" \""), SPOKEN.replace("\"hi\"", "5"),
                SPOKEN.replace("[{\"locale\":\"en-US\",\"text\":\"hi\"}]", "[]"),
                SPOKEN.replace("[{\"locale\":\"en-US\",\"text\":\"hi\"}]", "null"),
                SPOKEN.replace(",\"content\":{\"variants\":[{\"type\":\"SpokenText\",\"values\":[{\"locale\":\"en-US\",\"text\":\"hi\"}]}]}", ""),
                SPOKEN.replace("\"content\":{", "\"content\":{\"x\":1,").replace("\"variants\":[{\"type\":\"SpokenText", "\"variants\":[null,{\"type\":\"SpokenText")}) {
            assertThatThrownBy(() -> parse(head + notification + "}")).as(notification).isInstanceOf(RejectedRequest.class)
                    .satisfies(e -> assertThat(((RejectedRequest) e).reason()).isEqualTo("InvalidField"));
        }
    }

    @Test
    void wrongTypesAndNullsForEveryFieldAreSpecificRejections() {
        String[] bodies = {
            "{\"Users\":[]," + MESSAGE + "}", "{\"Users\":\"u\"," + MESSAGE + "}", "{\"Users\":{\"u\":7}," + MESSAGE + "}",
            "{\"Users\":{\"u\":{\"TitleOverride\":7}}," + MESSAGE + "}", "{\"Users\":{\"u\":{\"Substitutions\":[]}}," + MESSAGE + "}",
            "{\"Users\":{\"u\":{\"Substitutions\":{\"n\":[null]}}}," + MESSAGE + "}", "{\"Users\":{\"u\":{}}}",
            "{\"Users\":{\"u\":{}},\"MessageConfiguration\":null}", "{\"Users\":{\"u\":{}},\"Context\":[]," + MESSAGE + "}",
            "{\"Users\":{\"u\":{\"Context\":{\"k\":null}}}," + MESSAGE + "}",
            "{\"Addresses\":[]," + MESSAGE + "}", "{\"Addresses\":{\"a\":null}," + MESSAGE + "}",
            "{\"Addresses\":{\"a\":{\"ChannelType\":null}}," + MESSAGE + "}", "{\"Endpoints\":[]," + MESSAGE + "}",
            "{\"Endpoints\":{\"e\":5}," + MESSAGE + "}",
            "{" + ADDRESSES + ",\"MessageConfiguration\":{\"DefaultMessage\":[]}}",
            "{" + ADDRESSES + ",\"MessageConfiguration\":{\"DefaultMessage\":{\"Data\":[]}}}",
            "{" + ADDRESSES + ",\"MessageConfiguration\":{\"DefaultMessage\":{\"SilentPush\":\"yes\"}}}",
            "{" + ADDRESSES + ",\"MessageConfiguration\":{\"GCMMessage\":{\"Priority\":5}}}",
            "{" + ADDRESSES + ",\"MessageConfiguration\":{\"GCMMessage\":{\"TimeToLive\":{}}}}",
            "{" + ADDRESSES + ",\"MessageConfiguration\":{\"AlexaMessage\":{\"Type\":5}}}",
            "{" + ADDRESSES + ",\"MessageConfiguration\":{\"AlexaMessage\":{\"Locale\":[]}}}",
            "{" + ADDRESSES + ",\"MessageConfiguration\":{\"ADMMessage\":{\"RawContent\":{}}}}",
            "{\"group_name\":\"g1\",\"notification\":[]}", "{\"group_name\":\"g1\",\"notification\":{\"title\":5}}",
            "{\"group_name\":\"g1\",\"data\":\"d\"}", "{\"group_name\":\"g1\",\"expiresAfter\":true}",
            "{\"group_name\":\"g1\",\"priority\":[]}", "{\"group_name\":\"g1\",\"consolidationKey\":{}}",
            "{\"group_name\":\"g1\",\"MessageConfiguration\":5}",
            "{\"recipients\":[null],\"notification\":" + SPOKEN + "}",
            "{\"recipients\":[{\"type\":\"Unit\",\"id\":null}],\"notification\":" + SPOKEN + "}",
            "{\"recipients\":[{\"type\":null,\"id\":\"u\"}],\"notification\":" + SPOKEN + "}",
            "{\"recipients\":[{\"type\":\"Unit\",\"id\":\"" + "u".repeat(RequestParser.MAX_ADDRESS_LENGTH + 1) + "\"}],\"notification\":"
                    + SPOKEN + "}",
            "{\"Addresses\":{\"" + "a".repeat(RequestParser.MAX_ADDRESS_LENGTH + 1) + "\":{\"ChannelType\":\"GCM\"}}," + MESSAGE + "}"};
        for (String body : bodies) {
            assertThatThrownBy(() -> parse(body)).as(body).isInstanceOf(RejectedRequest.class)
                    .satisfies(e -> assertThat(((RejectedRequest) e).reason()).isIn("InvalidField", "MissingTargets",
                            "InvalidGroupName"));
        }
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
        assertThat(AdmFields.of(adm).expiresAfter()).isEqualTo(120L);
        assertThat(adm.data()).containsEntry("n", "3");
        assertThat(adm.substitutions()).containsEntry("A", "1").containsEntry("B", "2");
        PushMessage gcm = request.messages().get(ChannelType.GCM);
        assertThat(gcm.title()).isEqualTo("push title");
        assertThat(FcmFields.of(gcm).priority()).isEqualTo("high");
        assertThat(FcmFields.of(gcm).timeToLive()).isEqualTo(60L);
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
