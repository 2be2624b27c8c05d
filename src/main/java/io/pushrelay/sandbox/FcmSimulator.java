package io.pushrelay.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Firebase Cloud Messaging HTTP v1, {@code POST /v1/projects/{project}/messages:send}. Accepts the proto3 JSON
 * field names in camelCase and snake_case, rejects unknown fields, checks exactly one target, string data values,
 * reserved data keys, the priority enum, the ttl duration format and range, the payload size (4096 bytes, 2048 to a topic), the OAuth token
 * and its scope, and a per-minute project quota. Errors are {@code google.rpc.Status} with an {@code FcmError}
 * detail (or a {@code BadRequest} one) and the matching HTTP status; {@code validate_only} answers without sending.
 */
final class FcmSimulator extends Simulator {

    static final int MAX_PAYLOAD_BYTES = 4096;
    static final int MAX_TOPIC_PAYLOAD_BYTES = 2048;
    static final long MAX_TTL_SECONDS = 2_419_200;
    static final Pattern TTL = Pattern.compile("(\\d+)(\\.\\d{1,9})?s");
    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_:\\-]{20,4096}");
    static final String FCM_ERROR = "type.googleapis.com/google.firebase.fcm.v1.FcmError";
    static final String BAD_REQUEST = "type.googleapis.com/google.rpc.BadRequest";

    private static final Map<String, Set<String>> FIELDS = Map.of(
            "", Set.of("validate_only", "message"),
            "message", Set.of("name", "data", "notification", "android", "webpush", "apns", "fcm_options", "token",
                    "topic", "condition"),
            "message.notification", Set.of("title", "body", "image"),
            "message.android", Set.of("collapse_key", "priority", "ttl", "restricted_package_name", "data",
                    "notification", "fcm_options", "direct_boot_ok"),
            "message.android.notification", Set.of("title", "body", "icon", "color", "sound", "tag", "click_action",
                    "body_loc_key", "body_loc_args", "title_loc_key", "title_loc_args", "channel_id", "ticker",
                    "sticky", "event_time", "local_only", "notification_priority", "default_sound",
                    "default_vibrate_timings", "default_light_settings", "vibrate_timings", "visibility",
                    "notification_count", "light_settings", "image"),
            "message.fcm_options", Set.of("analytics_label"),
            "message.android.fcm_options", Set.of("analytics_label"));

    private final String projectId;
    private final Set<String> clients;
    private final long quotaPerMinute;
    private final AtomicLong windowStart = new AtomicLong();
    private final AtomicLong inWindow = new AtomicLong();
    private final AtomicLong messageIds = new AtomicLong(1_500_000_000_000_000L);

    FcmSimulator(SandboxState state, String projectId, String serviceAccountEmail, long quotaPerMinute) {
        super("fcm", state);
        this.projectId = projectId;
        this.clients = Set.of(serviceAccountEmail);
        this.quotaPerMinute = quotaPerMinute;
    }

    @Override
    String addressOf(SimRequest request) {
        try {
            JsonNode message = JSON.readTree(request.body()).path("message");
            return message.path("token").asText(null);
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    int notifications(SimRequest request) {
        return 1;
    }

    @Override
    Reply process(SimRequest request) {
        SandboxState.IssuedToken token = state.token(request.bearer());
        if (token == null || !clients.contains(token.client()) || !token.validAt(state.now())) {
            return status(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 "
                    + "access token, login cookie or other valid authentication credential. See "
                    + "https://developers.google.com/identity/sign-in/web/devconsole-project.", null);
        }
        if (token.scopes().stream().noneMatch(GoogleTokenSimulator.FCM_SCOPES::contains)) {
            return status(403, "PERMISSION_DENIED", "Request had insufficient authentication scopes.", null);
        }
        if (!projectId.equals(request.pathParams().get("project"))) {
            return status(403, "PERMISSION_DENIED", "Permission 'cloudmessaging.messages.create' denied on resource "
                    + "'//cloudresourcemanager.googleapis.com/projects/" + request.pathParams().get("project")
                    + "' (or it may not exist).", null);
        }
        if (!request.contentTypeIs("application/json")) {
            return invalidJson("Invalid JSON payload received. Expected a JSON object (Content-Type application/json).", "");
        }
        JsonNode root;
        try {
            root = JSON.readTree(request.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return invalidJson("Invalid JSON payload received. " + e.getOriginalMessage(), "");
        }
        if (root == null || !root.isObject()) {
            return invalidJson("Invalid JSON payload received. Expected an object.", "");
        }
        ObjectNode normalized = (ObjectNode) normalize(root);
        String unknown = unknownField(normalized, "");
        if (unknown != null) {
            return unknown(unknown);
        }
        JsonNode message = normalized.get("message");
        if (message == null || !message.isObject()) {
            return badRequest("Recipient of the message is not set.", "message", "Recipient of the message is not set.");
        }
        List<String> targets = Stream.of("token", "topic", "condition").filter(message::has).toList();
        if (targets.isEmpty()) {
            return badRequest("Recipient of the message is not set.", "message", "Recipient of the message is not set.");
        }
        if (targets.size() > 1) {
            String text = "Invalid value at 'message' (oneof), oneof field 'target' is already set. Cannot set '"
                    + targets.get(1) + "'";
            return badRequest(text, "message", text);
        }
        Reply invalid = checkData(message.get("data"), "message.data");
        if (invalid == null && message.path("android").has("data")) {
            invalid = checkData(message.path("android").get("data"), "message.android.data");
        }
        if (invalid != null) {
            return invalid;
        }
        JsonNode android = message.path("android");
        if (android.has("priority")) {
            String priority = android.get("priority").asText();
            if (!android.get("priority").isTextual() || !(priority.equals("NORMAL") || priority.equals("HIGH"))) {
                String text = "Invalid value at 'message.android.priority' "
                        + "(type.googleapis.com/google.firebase.fcm.v1.AndroidMessagePriority), " + android.get("priority");
                return badRequest(text, "message.android.priority", text);
            }
        }
        if (android.has("ttl")) {
            var m = TTL.matcher(android.get("ttl").asText());
            if (!android.get("ttl").isTextual() || !m.matches()) {
                String text = "Invalid value at 'message.android.ttl' (type.googleapis.com/google.protobuf.Duration), "
                        + android.get("ttl");
                return badRequest(text, "message.android.ttl", text);
            }
            if (Long.parseLong(m.group(1)) > MAX_TTL_SECONDS) {
                return fcmError(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT",
                        "Invalid TTL: The TTL must be between 0 and 2,419,200 seconds (4 weeks).");
            }
        }
        if (deliveredBytes(message) > payloadLimit(message)) {
            return status(400, "INVALID_ARGUMENT", "Message is too big", null);
        }
        String target = message.path("token").asText(null);
        if (target != null && !TOKEN.matcher(target).matches()) {
            return fcmError(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT",
                    "The registration token is not a valid FCM registration token");
        }
        if (target != null && state.isUnregistered(provider, target)) {
            return fcmError(404, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found.");
        }
        if (normalized.path("validate_only").asBoolean(false)) {
            return Reply.json(200, "{\"name\":\"projects/" + projectId + "/messages/fake_message_id\"}");
        }
        if (overQuota()) {
            return fcmError(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED",
                    "Quota exceeded for quota metric 'Send requests' and limit 'Send requests per minute'.");
        }
        String id = "0:" + messageIds.incrementAndGet() + "%" + Long.toHexString(target == null ? 0 : target.hashCode());
        return Reply.json(200, "{\"name\":\"projects/" + projectId + "/messages/" + id + "\"}");
    }

    private boolean overQuota() {
        long minute = state.now().getEpochSecond() / 60;
        if (windowStart.getAndSet(minute) != minute) {
            inWindow.set(0);
        }
        return inWindow.incrementAndGet() > quotaPerMinute;
    }

    /**
     * The bytes FCM's ErrorCode reference counts against its limit ("the total size of the payload data ... This
     * includes both the keys and the values"), taken from what an Android device is handed: {@code android.data}
     * replaces {@code message.data}, and {@code android.notification}'s fields override {@code message.notification}'s.
     */
    static int deliveredBytes(JsonNode message) {
        JsonNode android = message.path("android");
        JsonNode data = android.has("data") ? android.get("data") : message.path("data");
        Map<String, String> shown = new HashMap<>();
        Stream.of(message.path("notification"), android.path("notification")).forEach(block -> block.properties()
                .forEach(field -> {
                    if (field.getValue().isTextual()) {
                        shown.put(field.getKey(), field.getValue().textValue());
                    }
                }));
        int bytes = data.properties().stream()
                .mapToInt(entry -> utf8Length(entry.getKey()) + utf8Length(entry.getValue().textValue())).sum();
        return bytes + shown.values().stream().mapToInt(FcmSimulator::utf8Length).sum();
    }

    /** A topic message may carry half what a message to a token or condition may. */
    static int payloadLimit(JsonNode message) {
        return message.has("topic") ? MAX_TOPIC_PAYLOAD_BYTES : MAX_PAYLOAD_BYTES;
    }

    private static int utf8Length(String text) {
        return StandardCharsets.UTF_8.encode(text).remaining();
    }

    private Reply checkData(JsonNode data, String path) {
        if (data == null) {
            return null;
        }
        if (!data.isObject()) {
            String text = "Invalid value at '" + path + "' (type.googleapis.com/google.firebase.fcm.v1.Message.DataEntry), " + data;
            return badRequest(text, path, text);
        }
        int index = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); index++) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                String field = path + "[" + index + "].value";
                String text = "Invalid value at '" + field + "' (TYPE_STRING), " + e.getValue();
                return badRequest(text, field, text);
            }
            String key = e.getKey().toLowerCase(Locale.ROOT);
            if (key.equals("from") || key.equals("message_type") || key.startsWith("google") || key.startsWith("gcm")) {
                return fcmError(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT", "Invalid data payload key: " + e.getKey());
            }
        }
        return null;
    }

    /** proto3 JSON accepts lowerCamelCase and the original snake_case names; compare in snake_case. Data maps keep their keys. */
    private static JsonNode normalize(JsonNode node) {
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = object();
        node.fields().forEachRemaining(e -> {
            String key = snake(e.getKey());
            out.set(key, key.equals("data") ? e.getValue() : normalize(e.getValue()));
        });
        return out;
    }

    static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** "path|name" of the first field the schema does not know, or null. */
    private static String unknownField(JsonNode node, String path) {
        Set<String> known = FIELDS.get(path);
        if (known == null || !node.isObject()) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!known.contains(e.getKey())) {
                return path + "|" + e.getKey();
            }
            if (!e.getKey().equals("data")) {
                String nested = unknownField(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey());
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }

    private Reply unknown(String pathAndName) {
        String path = pathAndName.substring(0, pathAndName.indexOf('|'));
        String name = pathAndName.substring(pathAndName.indexOf('|') + 1);
        String at = path.isEmpty() ? "" : " at '" + path + "'";
        String text = "Invalid JSON payload received. Unknown name \"" + name + "\"" + at + ": Cannot find field.";
        return badRequest(text, path, text);
    }

    private Reply invalidJson(String text, String field) {
        return badRequest(text, field, text);
    }

    private Reply badRequest(String message, String field, String description) {
        ObjectNode violation = object();
        violation.put("field", field);
        violation.put("description", description);
        ObjectNode detail = object();
        detail.put("@type", BAD_REQUEST);
        detail.putArray("fieldViolations").add(violation);
        return status(400, "INVALID_ARGUMENT", message, detail);
    }

    private Reply fcmError(int code, String canonical, String errorCode, String message) {
        ObjectNode detail = object();
        detail.put("@type", FCM_ERROR);
        detail.put("errorCode", errorCode);
        return status(code, canonical, message, detail);
    }

    private Reply status(int code, String canonical, String message, ObjectNode detail) {
        ObjectNode error = object();
        error.put("code", code);
        error.put("message", message);
        error.put("status", canonical);
        if (detail != null) {
            ArrayNode details = error.putArray("details");
            details.add(detail);
        }
        ObjectNode body = object();
        body.set("error", error);
        return Reply.json(code, write(body));
    }

    private static final Map<Integer, String[]> DEFAULTS = new HashMap<>(Map.of(
            400, new String[] {"INVALID_ARGUMENT", "INVALID_ARGUMENT", "Request contains an invalid argument."},
            401, new String[] {"UNAUTHENTICATED", "THIRD_PARTY_AUTH_ERROR", "Auth error from APNS or Web Push Service"},
            403, new String[] {"PERMISSION_DENIED", "SENDER_ID_MISMATCH", "SenderId mismatch"},
            404, new String[] {"NOT_FOUND", "UNREGISTERED", "Requested entity was not found."},
            429, new String[] {"RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Quota exceeded."},
            500, new String[] {"INTERNAL", "INTERNAL", "Internal error encountered."},
            503, new String[] {"UNAVAILABLE", "UNAVAILABLE", "The service is currently unavailable."}));

    @Override
    Reply error(int status, String reason, String message) {
        String[] d = DEFAULTS.getOrDefault(status, new String[] {"UNKNOWN", "UNSPECIFIED_ERROR", "Unknown error."});
        return fcmError(status, d[0], reason != null ? reason : d[1], message != null ? message : d[2]);
    }
}
