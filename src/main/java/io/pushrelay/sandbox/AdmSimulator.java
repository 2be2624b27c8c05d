package io.pushrelay.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Amazon Device Messaging, {@code POST /messaging/registrations/{registrationId}/messages}: checks the
 * {@code X-Amzn-*} type headers, Accept and Content-Type, the LWA bearer token (scope {@code messaging:push}), the
 * 6 KB payload limit, {@code data} as string values, {@code consolidationKey}, {@code expiresAfter} bounds and
 * {@code md5}; answers {@code {"registrationID"}} with {@code X-Amzn-RequestId} and {@code X-Amzn-Data-md5}, or
 * {@code {"reason"}} with ADM's status for it.
 */
final class AdmSimulator extends Simulator {

    static final String TYPE_VERSION = "com.amazon.device.messaging.ADMMessage@1.0";
    static final String ACCEPT_TYPE = "com.amazon.device.messaging.ADMSendResult@1.0";
    static final int MAX_PAYLOAD_BYTES = 6 * 1024;
    static final long MIN_EXPIRES_AFTER = 60;
    static final long MAX_EXPIRES_AFTER = 2_678_400;
    static final Pattern REGISTRATION_ID = Pattern.compile("amzn1\\.adm-registration\\.v[1-9]\\.[A-Za-z0-9+/=_.\\-]{8,}");

    private final String clientId;

    AdmSimulator(SandboxState state, String clientId) {
        super("adm", state);
        this.clientId = clientId;
    }

    @Override
    String addressOf(SimRequest request) {
        return request.pathParams().get("id");
    }

    @Override
    int notifications(SimRequest request) {
        return 1;
    }

    @Override
    Reply process(SimRequest request) {
        String id = addressOf(request);
        if (!TYPE_VERSION.equals(request.header("x-amzn-type-version"))
                || !ACCEPT_TYPE.equals(request.header("x-amzn-accept-type"))
                || !"application/json".equals(request.header("accept"))) {
            return error(400, "InvalidType", null);
        }
        SandboxState.IssuedToken token = state.token(request.bearer());
        if (token == null || !token.client().equals(clientId) || !token.scopes().contains("messaging:push")
                || !token.validAt(state.now())) {
            return error(401, "AccessTokenExpired", null);
        }
        if (!request.contentTypeIs("application/json")) {
            return error(400, "InvalidData", null);
        }
        if (request.body().getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            return error(413, "MessageTooLarge", null);
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (Exception e) {
            return error(400, "InvalidData", null);
        }
        if (body == null || !body.isObject()) {
            return error(400, "InvalidData", null);
        }
        JsonNode data = body.get("data");
        if (data != null && !(data.isObject() && allStrings(data))) {
            return error(400, "InvalidData", null);
        }
        JsonNode notification = body.get("notification");
        if (notification != null && !notification.isObject()) {
            return error(400, "InvalidData", null);
        }
        JsonNode key = body.get("consolidationKey");
        if (key != null && (!key.isTextual() || key.asText().isEmpty() || key.asText().length() > 64)) {
            return error(400, "InvalidConsolidationKey", null);
        }
        JsonNode expires = body.get("expiresAfter");
        if (expires != null && (!expires.canConvertToLong() || !expires.isIntegralNumber()
                || expires.asLong() < MIN_EXPIRES_AFTER || expires.asLong() > MAX_EXPIRES_AFTER)) {
            return error(400, "InvalidExpiration", null);
        }
        String md5 = md5(data);
        JsonNode sentMd5 = body.get("md5");
        if (sentMd5 != null && !md5.equals(sentMd5.asText())) {
            return error(400, "InvalidChecksum", null);
        }
        if (id == null || !REGISTRATION_ID.matcher(id).matches()) {
            return error(400, "InvalidRegistrationId", null);
        }
        if (state.isUnregistered(provider, id)) {
            return error(400, "Unregistered", null);
        }
        ObjectNode result = object();
        result.put("registrationID", state.rotated(id));
        return Reply.json(200, write(result))
                .header("X-Amzn-RequestId", UUID.randomUUID().toString())
                .header("X-Amzn-Data-md5", md5)
                .header("X-Amzn-Type-Version", ACCEPT_TYPE);
    }

    private static boolean allStrings(JsonNode object) {
        for (Iterator<JsonNode> it = object.elements(); it.hasNext();) {
            if (!it.next().isTextual()) {
                return false;
            }
        }
        return true;
    }

    /** ADM's checksum: data pairs sorted by key, as key:value joined by commas, UTF-8, MD5, base64. */
    static String md5(JsonNode data) {
        List<Map.Entry<String, JsonNode>> pairs = new ArrayList<>();
        if (data != null) {
            data.fields().forEachRemaining(pairs::add);
        }
        pairs.sort((a, b) -> compareUtf8(a.getKey(), b.getKey()));
        StringBuilder joined = new StringBuilder();
        for (Map.Entry<String, JsonNode> pair : pairs) {
            if (!joined.isEmpty()) {
                joined.append(',');
            }
            joined.append(pair.getKey()).append(':').append(pair.getValue().asText());
        }
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(joined.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int compareUtf8(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    }

    @Override
    Reply error(int status, String reason, String message) {
        String why = reason != null ? reason : switch (status) {
            case 400 -> "InvalidData";
            case 401 -> "AccessTokenExpired";
            case 413 -> "MessageTooLarge";
            case 429 -> "MaxRateExceeded";
            default -> null;
        };
        ObjectNode body = object();
        if (why != null) {
            body.put("reason", why);
        }
        return Reply.json(status, write(body)).header("X-Amzn-RequestId", UUID.randomUUID().toString());
    }
}
