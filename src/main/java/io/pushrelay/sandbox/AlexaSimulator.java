package io.pushrelay.sandbox;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Alexa Smart Properties Notifications API, {@code POST /v3/notifications}: checks Accept, the LWA bearer token,
 * 1 to 100 recipients of type Unit or Endpoint (ids of printable ASCII), one notification variant type per request,
 * and SpokenText values with a locale and text; answers 202 with {@code X-Amzn-RequestId}. The error body shape is
 * not documented publicly; the sandbox answers {@code {"code", "message"}}.
 */
final class AlexaSimulator extends Simulator {

    static final int MAX_RECIPIENTS = 100;
    static final Set<String> VARIANT_TYPES = Set.of("DeviceNotification", "Announcement", "PersistentVisualAlert");
    static final Pattern LOCALE = Pattern.compile("[a-z]{2}-[A-Z]{2}");

    private final Set<String> clients;

    AlexaSimulator(SandboxState state, Set<String> clients) {
        super("alexa", state);
        this.clients = clients;
    }

    @Override
    String addressOf(SimRequest request) {
        try {
            return JSON.readTree(request.body()).path("recipients").path(0).path("id").asText(null);
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    int notifications(SimRequest request) {
        try {
            return JSON.readTree(request.body()).path("recipients").size();
        } catch (Exception e) {
            return 0;
        }
    }

    @Override
    Reply process(SimRequest request) {
        if (!"application/json".equals(request.header("accept"))) {
            return error(406, "NOT_ACCEPTABLE", "Accept must be application/json");
        }
        SandboxState.IssuedToken token = state.token(request.bearer());
        if (token == null || !clients.contains(token.client()) || !token.validAt(state.now())) {
            return error(401, "INVALID_ACCESS_TOKEN", "The access token is invalid or has expired.");
        }
        if (!request.contentTypeIs("application/json")) {
            return error(400, "INVALID_REQUEST", "Content-Type must be application/json");
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (Exception e) {
            return error(400, "INVALID_REQUEST", "The request body is not valid JSON.");
        }
        if (body == null || !body.isObject()) {
            return error(400, "INVALID_REQUEST", "The request body must be a JSON object.");
        }
        JsonNode recipients = body.get("recipients");
        if (recipients == null || !recipients.isArray() || recipients.isEmpty()) {
            return error(400, "INVALID_REQUEST", "recipients must hold at least one recipient.");
        }
        if (recipients.size() > MAX_RECIPIENTS) {
            return error(400, "INVALID_REQUEST", "recipients can hold at most " + MAX_RECIPIENTS + " recipients.");
        }
        for (JsonNode r : recipients) {
            String type = r.path("type").asText("");
            if (!(type.equals("Unit") || type.equals("Endpoint")) || !r.path("id").isTextual() || r.path("id").asText().isEmpty()) {
                return error(400, "INVALID_REQUEST", "Each recipient needs a type of Unit or Endpoint and an id.");
            }
            if (!r.path("id").asText().chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
                return error(400, "INVALID_REQUEST", "The recipient id " + r.path("id") + " is not a unit or endpoint id.");
            }
            if (state.isUnregistered(provider, r.path("id").asText())) {
                return error(403, "ACCESS_DENIED", "The recipient " + r.path("id").asText() + " is not accessible.");
            }
        }
        JsonNode variants = body.path("notification").path("variants");
        if (!variants.isArray() || variants.isEmpty()) {
            return error(400, "INVALID_REQUEST", "notification.variants must hold at least one variant.");
        }
        Set<String> types = new HashSet<>();
        for (JsonNode v : variants) {
            types.add(v.path("type").asText(""));
        }
        if (types.size() != 1 || !VARIANT_TYPES.contains(types.iterator().next())) {
            return error(400, "INVALID_REQUEST",
                    "notification.variants must all have one type of DeviceNotification, Announcement or PersistentVisualAlert.");
        }
        boolean spoken = !types.contains("PersistentVisualAlert");
        for (JsonNode v : variants) {
            JsonNode content = v.path("content").path("variants");
            if (!content.isArray() || content.isEmpty()) {
                return error(400, "INVALID_REQUEST", "content.variants must hold at least one content variant.");
            }
            for (JsonNode c : content) {
                String expected = spoken ? "SpokenText" : "V0Template";
                if (!expected.equals(c.path("type").asText())) {
                    return error(400, "INVALID_REQUEST", "content variants of this notification type must be " + expected + ".");
                }
                JsonNode values = c.path("values");
                if (!values.isArray() || values.isEmpty()) {
                    return error(400, "INVALID_REQUEST", "content values must hold at least one value.");
                }
                for (JsonNode value : values) {
                    if (!LOCALE.matcher(value.path("locale").asText("")).matches()) {
                        return error(400, "INVALID_REQUEST", "Each value needs a locale such as en-US.");
                    }
                    if (spoken && (!value.path("text").isTextual() || value.path("text").asText().isBlank())) {
                        return error(400, "INVALID_REQUEST", "Each SpokenText value needs a text.");
                    }
                }
            }
        }
        return Reply.empty(202).header("X-Amzn-RequestId", UUID.randomUUID().toString());
    }

    @Override
    Reply error(int status, String reason, String message) {
        String code = reason != null ? reason : switch (status) {
            case 400 -> "INVALID_REQUEST";
            case 401 -> "INVALID_ACCESS_TOKEN";
            case 403 -> "ACCESS_DENIED";
            case 429 -> "TOO_MANY_REQUESTS";
            case 503 -> "SERVICE_UNAVAILABLE";
            default -> "INTERNAL_SERVICE_EXCEPTION";
        };
        ObjectNode body = object();
        body.put("code", code);
        body.put("message", message != null ? message : "The request failed with status " + status + ".");
        return Reply.json(status, write(body)).header("X-Amzn-RequestId", UUID.randomUUID().toString());
    }
}
