package io.pushrelay.provider.alexa;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.pushrelay.message.PushMessage;
import io.pushrelay.message.RejectedRequest;
import io.pushrelay.request.FieldRules;

/**
 * AlexaMessage's own fields as the message carries them ({@code Type} as AlexaType), and the notification of an
 * Alexa-shaped request, passed through as it came.
 */
public record AlexaFields(String type, String locale, JsonNode notification) {

    static final Set<String> TYPES = Set.of("DeviceNotification", "Announcement");

    public static AlexaFields of(PushMessage message) {
        JsonNode type = message.channelField("AlexaType");
        JsonNode locale = message.channelField("Locale");
        return new AlexaFields(type == null ? null : type.asText(), locale == null ? null : locale.asText(),
                message.channelField("AlexaNotification"));
    }

    static void read(JsonNode block, String where, Map<String, JsonNode> fields) throws RejectedRequest {
        String type = FieldRules.text(block, "Type", where);
        if (type != null && !TYPES.contains(type)) {
            throw new RejectedRequest("InvalidField", where + ".Type must be DeviceNotification or Announcement");
        }
        if (type != null) {
            fields.put("AlexaType", JsonNodeFactory.instance.textNode(type));
        }
        String locale = FieldRules.text(block, "Locale", where);
        if (locale != null && !locale.matches(FieldRules.LOCALE)) {
            throw new RejectedRequest("InvalidField", where + ".Locale must look like en-US");
        }
        if (locale != null) {
            fields.put("Locale", JsonNodeFactory.instance.textNode(locale));
        }
    }
}
