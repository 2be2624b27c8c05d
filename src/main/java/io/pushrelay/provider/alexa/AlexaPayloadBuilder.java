package io.pushrelay.provider.alexa;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushrelay.message.Json;
import io.pushrelay.message.PushMessage;

/**
 * The Alexa Notifications body: Unit recipients and one notification variant (DeviceNotification, or the
 * Announcement that {@code AlexaMessage.Type} asks for) with one SpokenText value: the Body, preceded by the Title
 * and a period when there is a title. An Alexa-shaped request's own notification object is passed through.
 */
public final class AlexaPayloadBuilder {

    public static final String DEFAULT_TYPE = "DeviceNotification";

    private AlexaPayloadBuilder() {
    }

    /** The {@code notification} object for a message, or null when the message has nothing to say. */
    public static JsonNode notification(PushMessage message, String defaultLocale) {
        AlexaFields own = AlexaFields.of(message);
        if (own.notification() != null) {
            return own.notification();
        }
        if (message.rawContent() != null) {
            JsonNode raw = Json.tree(message.rawContent());
            return raw.has("notification") ? raw.get("notification") : raw;
        }
        String text = spokenText(message.title(), message.body());
        if (text == null) {
            return null;
        }
        ObjectNode value = Json.MAPPER.createObjectNode();
        value.put("locale", own.locale() != null ? own.locale() : defaultLocale);
        value.put("text", text);
        ObjectNode content = Json.MAPPER.createObjectNode();
        content.put("type", "SpokenText");
        content.putArray("values").add(value);
        ObjectNode variant = Json.MAPPER.createObjectNode();
        variant.put("type", own.type() != null ? own.type() : DEFAULT_TYPE);
        variant.putObject("content").putArray("variants").add(content);
        ObjectNode notification = Json.MAPPER.createObjectNode();
        notification.putArray("variants").add(variant);
        return notification;
    }

    static String spokenText(String title, String body) {
        if (body == null || body.isBlank()) {
            return title == null || title.isBlank() ? null : title;
        }
        return title == null || title.isBlank() ? body : title + ". " + body;
    }

    public static String request(List<String> unitIds, JsonNode notification) {
        ObjectNode request = Json.MAPPER.createObjectNode();
        ArrayNode recipients = request.putArray("recipients");
        for (String id : unitIds) {
            recipients.addObject().put("type", "Unit").put("id", id);
        }
        request.set("notification", notification);
        return Json.write(request);
    }
}
