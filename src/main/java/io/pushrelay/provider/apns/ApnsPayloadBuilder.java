package io.pushrelay.provider.apns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushrelay.message.Json;
import io.pushrelay.message.PushMessage;

/**
 * The APNs payload: the {@code aps} dictionary ({@code alert.title}, {@code alert.body}, {@code badge},
 * {@code sound}, {@code category}, {@code thread-id}; {@code content-available: 1} and no alert for a silent push;
 * {@code mutable-content: 1} with a MediaUrl, which goes beside it as {@code media-url} for the app's notification
 * service extension) and the message's data (Data, then Context as {@code pinpoint.<key>}) as custom keys beside
 * {@code aps}. A target's RawContent is sent as it is.
 */
public final class ApnsPayloadBuilder {

    private ApnsPayloadBuilder() {
    }

    public static String build(PushMessage message) {
        if (message.rawContent() != null) {
            return message.rawContent();
        }
        ApnsFields own = ApnsFields.of(message);
        ObjectNode payload = Json.MAPPER.createObjectNode();
        ObjectNode aps = payload.putObject("aps");
        if (message.silent()) {
            aps.put("content-available", 1);
        } else if (message.title() != null || message.body() != null) {
            ObjectNode alert = aps.putObject("alert");
            putIfPresent(alert, "title", message.title());
            putIfPresent(alert, "body", message.body());
        }
        if (own.badge() != null) {
            aps.put("badge", own.badge());
        }
        if (!message.silent()) {
            putIfPresent(aps, "sound", message.sound());
        }
        putIfPresent(aps, "category", own.category());
        putIfPresent(aps, "thread-id", own.threadId());
        if (own.mediaUrl() != null) {
            aps.put("mutable-content", 1);
            payload.put("media-url", own.mediaUrl());
        }
        message.payloadData().forEach((key, value) -> {
            if (!key.equals("aps")) {
                payload.put(key, value);
            }
        });
        return Json.write(payload);
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
