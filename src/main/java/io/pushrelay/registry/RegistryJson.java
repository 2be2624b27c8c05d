package io.pushrelay.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.message.ChannelType;
import io.pushrelay.message.Json;
import io.pushrelay.message.RejectedRequest;

/** Reading the JSON of registry operations, with a clear rejection for each rule a field breaks. */
final class RegistryJson {

    static final int MAX_BODY_CHARS = 1024 * 1024;

    private RegistryJson() {
    }

    static JsonNode object(String body) throws RejectedRequest {
        if (body == null || body.isBlank()) {
            throw new RejectedRequest("InvalidJson", "The message is empty; an operation is a JSON object");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw new RejectedRequest("RequestTooLarge", "An operation may be at most " + MAX_BODY_CHARS + " characters");
        }
        JsonNode node;
        try {
            node = Json.tree(body);
        } catch (IllegalArgumentException e) {
            throw new RejectedRequest("InvalidJson", "The message is not valid JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new RejectedRequest("InvalidJson", "An operation is a JSON object");
        }
        return node;
    }

    static String text(JsonNode node, String field, boolean required) throws RejectedRequest {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new RejectedRequest("InvalidField", field + " is required");
            }
            return null;
        }
        if (!v.isTextual() || (required && v.asText().isBlank())) {
            throw new RejectedRequest("InvalidField", field + " must be a non-empty string");
        }
        return v.asText();
    }

    /** A channel served (ADM, GCM, ALEXA, …); GCM may be written FCM. */
    static ChannelType channel(JsonNode node, String field) throws RejectedRequest {
        if (node == null || !node.isTextual()) {
            throw new RejectedRequest("InvalidField", field + " is required (" + ChannelType.listed() + ")");
        }
        String value = node.asText();
        ChannelType channel = ChannelType.parse("FCM".equalsIgnoreCase(value) ? ChannelType.GCM.name() : value);
        if (channel == null) {
            throw new RejectedRequest("UnsupportedChannel", field + " " + value
                    + " is not served by this gateway (" + ChannelType.listed() + ")");
        }
        return channel;
    }
}
