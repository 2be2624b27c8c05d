package io.pushrelay.provider.fcm;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.pushrelay.message.PushMessage;
import io.pushrelay.message.RejectedRequest;
import io.pushrelay.request.FieldRules;

/** GCMMessage's own fields, as the message carries them. */
public record FcmFields(String collapseKey, String priority, Long timeToLive, String restrictedPackageName) {

    /** FCM keeps a message at most four weeks. */
    static final long MAX_TIME_TO_LIVE = 2_419_200;

    public static FcmFields of(PushMessage message) {
        JsonNode ttl = message.channelField("TimeToLive");
        return new FcmFields(text(message, "CollapseKey"), text(message, "Priority"), ttl == null ? null : ttl.asLong(),
                text(message, "RestrictedPackageName"));
    }

    static void read(JsonNode block, String where, Map<String, JsonNode> fields) throws RejectedRequest {
        putText(fields, "CollapseKey", FieldRules.text(block, "CollapseKey", where));
        if (FieldRules.present(block, "Priority")) {
            fields.put("Priority", JsonNodeFactory.instance.textNode(FieldRules.priority(block.get("Priority"), where + ".Priority")));
        }
        if (FieldRules.present(block, "TimeToLive")) {
            fields.put("TimeToLive", FieldRules.numberNode(FieldRules.number(block.get("TimeToLive"),
                    where + ".TimeToLive", 0, MAX_TIME_TO_LIVE)));
        }
        putText(fields, "RestrictedPackageName", FieldRules.text(block, "RestrictedPackageName", where));
    }

    private static void putText(Map<String, JsonNode> fields, String name, String value) {
        if (value != null) {
            fields.put(name, JsonNodeFactory.instance.textNode(value));
        }
    }

    private static String text(PushMessage message, String field) {
        JsonNode value = message.channelField(field);
        return value == null ? null : value.asText();
    }
}
