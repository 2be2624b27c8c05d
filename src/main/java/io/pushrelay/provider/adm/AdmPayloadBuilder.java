package io.pushrelay.provider.adm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushrelay.message.Json;
import io.pushrelay.message.PushMessage;

/**
 * The ADM message body: {@code data} (string values), {@code notification} ({@code title}, {@code body}, icon,
 * sound, image) unless the push is silent, {@code consolidationKey}, {@code expiresAfter} (always; 604800 unless
 * the request says otherwise), {@code md5} of data computed as ADM documents it, {@code priority}. A target's
 * RawContent is sent as it is, with {@code expiresAfter} added when it has none.
 */
public final class AdmPayloadBuilder {

    public static final long DEFAULT_EXPIRES_AFTER = 604_800;

    private AdmPayloadBuilder() {
    }

    public static String build(PushMessage message) {
        if (message.rawContent() != null) {
            JsonNode raw = Json.tree(message.rawContent());
            if (raw instanceof ObjectNode object && !object.has("expiresAfter")) {
                object.put("expiresAfter", DEFAULT_EXPIRES_AFTER);
            }
            return Json.write(raw);
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        Map<String, String> data = message.payloadData();
        ObjectNode dataNode = body.putObject("data");
        data.forEach(dataNode::put);
        if (!message.silent() && (message.title() != null || message.body() != null)) {
            ObjectNode notification = body.putObject("notification");
            putIfPresent(notification, "title", message.title());
            putIfPresent(notification, "body", message.body());
            putIfPresent(notification, "icon", message.iconReference());
            putIfPresent(notification, "sound", message.sound());
            putIfPresent(notification, "image", message.imageUrl());
        }
        AdmFields own = AdmFields.of(message);
        putIfPresent(body, "consolidationKey", own.consolidationKey());
        body.put("expiresAfter", own.expiresAfter() != null ? own.expiresAfter() : DEFAULT_EXPIRES_AFTER);
        body.put("md5", md5(data));
        if (own.priority() != null) {
            body.put("priority", own.priority().toLowerCase(Locale.ROOT));
        }
        return Json.write(body);
    }

    /** ADM's checksum of data: pairs sorted by key (UTF-8 bytes), {@code key:value} joined by commas, MD5, base64. */
    public static String md5(Map<String, String> data) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>(data.entrySet());
        pairs.sort((a, b) -> Arrays.compareUnsigned(a.getKey().getBytes(StandardCharsets.UTF_8),
                b.getKey().getBytes(StandardCharsets.UTF_8)));
        StringBuilder joined = new StringBuilder();
        for (Map.Entry<String, String> pair : pairs) {
            joined.append(joined.isEmpty() ? "" : ",").append(pair.getKey()).append(':').append(pair.getValue());
        }
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("MD5").digest(joined.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
