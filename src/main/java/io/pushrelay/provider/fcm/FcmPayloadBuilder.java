package io.pushrelay.provider.fcm;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushrelay.message.Json;
import io.pushrelay.message.PushMessage;

/**
 * The FCM HTTP v1 {@code SendMessageRequest}: {@code message.token}, {@code notification} (title, body, image)
 * unless silent, {@code data} (strings), and {@code android} with {@code collapse_key}, {@code priority}
 * (HIGH/NORMAL), {@code ttl} as {@code "<seconds>s"}, {@code restricted_package_name} and the icon and sound of
 * {@code android.notification}. A target's RawContent is the {@code message} object, sent with the token set.
 */
public final class FcmPayloadBuilder {

    private FcmPayloadBuilder() {
    }

    public static ObjectNode message(PushMessage message, String token) {
        ObjectNode msg;
        if (message.rawContent() != null) {
            JsonNode raw = Json.tree(message.rawContent());
            msg = (ObjectNode) (raw.has("message") ? raw.get("message") : raw);
            msg.put("token", token);
            return msg;
        }
        msg = Json.MAPPER.createObjectNode();
        msg.put("token", token);
        if (!message.silent() && (message.title() != null || message.body() != null)) {
            ObjectNode notification = msg.putObject("notification");
            putIfPresent(notification, "title", message.title());
            putIfPresent(notification, "body", message.body());
            putIfPresent(notification, "image", message.imageUrl());
        }
        Map<String, String> data = message.payloadData();
        if (!data.isEmpty()) {
            ObjectNode dataNode = msg.putObject("data");
            data.forEach(dataNode::put);
        }
        FcmFields own = FcmFields.of(message);
        ObjectNode android = Json.MAPPER.createObjectNode();
        putIfPresent(android, "collapse_key", own.collapseKey());
        if (own.priority() != null) {
            android.put("priority", own.priority().toUpperCase(Locale.ROOT));
        }
        if (own.timeToLive() != null) {
            android.put("ttl", own.timeToLive() + "s");
        }
        putIfPresent(android, "restricted_package_name", own.restrictedPackageName());
        if (!message.silent() && (message.iconReference() != null || message.sound() != null)) {
            ObjectNode notification = android.putObject("notification");
            putIfPresent(notification, "icon", message.iconReference());
            putIfPresent(notification, "sound", message.sound());
        }
        if (!android.isEmpty()) {
            msg.set("android", android);
        }
        return msg;
    }

    public static String request(PushMessage message, String token) {
        ObjectNode request = Json.MAPPER.createObjectNode();
        request.set("message", message(message, token));
        return Json.write(request);
    }

    /** What FCM counts against its 4096 bytes: keys and values of data, and the text of the notifications. */
    public static int payloadBytes(ObjectNode message) {
        int total = 0;
        for (JsonNode data : List.of(message.path("data"), message.path("android").path("data"))) {
            for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                total += utf8(e.getKey()) + utf8(e.getValue().asText());
            }
        }
        for (JsonNode n : List.of(message.path("notification"), message.path("android").path("notification"))) {
            for (Iterator<JsonNode> it = n.elements(); it.hasNext();) {
                JsonNode v = it.next();
                total += v.isTextual() ? utf8(v.asText()) : 0;
            }
        }
        return total;
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
