package io.pushrelay.provider.adm;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.pushrelay.message.PushMessage;
import io.pushrelay.message.RejectedRequest;
import io.pushrelay.request.FieldRules;

/** ADMMessage's own fields, as the message carries them (the ADM group message shape sets the same ones). */
public record AdmFields(String consolidationKey, Long expiresAfter, String priority) {

    public static AdmFields of(PushMessage message) {
        JsonNode expires = message.channelField("ExpiresAfter");
        return new AdmFields(text(message, "ConsolidationKey"), expires == null ? null : expires.asLong(),
                text(message, "Priority"));
    }

    static void read(JsonNode block, String where, Map<String, JsonNode> fields) throws RejectedRequest {
        String consolidationKey = FieldRules.text(block, "ConsolidationKey", where);
        if (consolidationKey != null) {
            fields.put("ConsolidationKey", JsonNodeFactory.instance.textNode(consolidationKey));
        }
        if (FieldRules.present(block, "ExpiresAfter")) {
            fields.put("ExpiresAfter", FieldRules.numberNode(FieldRules.number(block.get("ExpiresAfter"),
                    where + ".ExpiresAfter", FieldRules.MIN_EXPIRES_AFTER, FieldRules.MAX_EXPIRES_AFTER)));
        }
        if (FieldRules.present(block, "Priority")) {
            fields.put("Priority", JsonNodeFactory.instance.textNode(FieldRules.priority(block.get("Priority"), where + ".Priority")));
        }
    }

    private static String text(PushMessage message, String field) {
        JsonNode value = message.channelField(field);
        return value == null ? null : value.asText();
    }
}
