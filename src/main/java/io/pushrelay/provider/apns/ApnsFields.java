package io.pushrelay.provider.apns;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.pushrelay.message.PushMessage;
import io.pushrelay.message.RejectedRequest;
import io.pushrelay.request.FieldRules;

/**
 * APNSMessage's own fields, as the message carries them. {@code Priority} is kept as APNs' number (Pinpoint takes
 * 10/5/1 or FCM's high/normal for it); {@code APNSPushType} is Apple's {@code apns-push-type}.
 */
public record ApnsFields(Long badge, String category, String threadId, String collapseId, String mediaUrl,
        String priority, Long timeToLive, String pushType) {

    static final Set<String> PUSH_TYPES = Set.of("alert", "background", "voip", "complication", "fileprovider", "mdm",
            "location", "liveactivity", "pushtotalk", "widgets", "controls");
    /** Apple's limit of apns-collapse-id, in bytes. */
    static final int MAX_COLLAPSE_ID_BYTES = 64;
    /** A month: APNs keeps an undelivered notification for a limited time only. */
    static final long MAX_TIME_TO_LIVE = 2_592_000;

    public static ApnsFields of(PushMessage message) {
        return new ApnsFields(number(message, "Badge"), text(message, "Category"), text(message, "ThreadId"),
                text(message, "CollapseId"), text(message, "MediaUrl"), text(message, "Priority"),
                number(message, "TimeToLive"), text(message, "APNSPushType"));
    }

    static void read(JsonNode block, String where, Map<String, JsonNode> fields) throws RejectedRequest {
        if (FieldRules.present(block, "Badge")) {
            JsonNode badge = block.get("Badge");
            if (!badge.isIntegralNumber() || badge.asLong() < 0 || badge.asLong() > Integer.MAX_VALUE) {
                throw new RejectedRequest("InvalidField", where + ".Badge must be a whole number, 0 or more");
            }
            fields.put("Badge", FieldRules.numberNode(badge.asLong()));
        }
        putText(fields, "Category", FieldRules.text(block, "Category", where));
        putText(fields, "ThreadId", FieldRules.text(block, "ThreadId", where));
        String collapseId = FieldRules.text(block, "CollapseId", where);
        if (collapseId != null && collapseId.getBytes(StandardCharsets.UTF_8).length > MAX_COLLAPSE_ID_BYTES) {
            throw new RejectedRequest("InvalidField", where + ".CollapseId must be at most 64 bytes");
        }
        putText(fields, "CollapseId", collapseId);
        putText(fields, "MediaUrl", FieldRules.text(block, "MediaUrl", where));
        if (FieldRules.present(block, "Priority")) {
            fields.put("Priority", JsonNodeFactory.instance.textNode(priority(block.get("Priority"), where + ".Priority")));
        }
        if (FieldRules.present(block, "TimeToLive")) {
            fields.put("TimeToLive", FieldRules.numberNode(FieldRules.number(block.get("TimeToLive"),
                    where + ".TimeToLive", 0, MAX_TIME_TO_LIVE)));
        }
        String pushType = FieldRules.text(block, "APNSPushType", where);
        if (pushType != null && !PUSH_TYPES.contains(pushType)) {
            throw new RejectedRequest("InvalidField", where + ".APNSPushType must be one of " + String.join(", ",
                    PUSH_TYPES.stream().sorted().toList()));
        }
        putText(fields, "APNSPushType", pushType);
        // token authentication is the one this gateway does; the field is Pinpoint's and accepted as such
        String method = FieldRules.text(block, "PreferredAuthenticationMethod", where);
        if (method != null && !Set.of("TOKEN", "CERTIFICATE").contains(method.toUpperCase(Locale.ROOT))) {
            throw new RejectedRequest("InvalidField", where + ".PreferredAuthenticationMethod must be TOKEN or CERTIFICATE");
        }
    }

    /** 10, 5 or 1 as APNs takes it; Pinpoint's high and normal are 10 and 5. */
    private static String priority(JsonNode v, String where) throws RejectedRequest {
        String p = v.asText().trim().toLowerCase(Locale.ROOT);
        return switch (p) {
            case "10", "high" -> "10";
            case "5", "normal" -> "5";
            case "1" -> "1";
            default -> throw new RejectedRequest("InvalidField", where + " must be 10, 5, 1, high or normal");
        };
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

    private static Long number(PushMessage message, String field) {
        JsonNode value = message.channelField(field);
        return value == null ? null : value.asLong();
    }
}
