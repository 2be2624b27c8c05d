package io.pushrelay.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Apple Push Notification service, {@code POST /3/device/{token}} (and {@code /sandbox/3/device/{token}} for the
 * development environment), judged by Apple's documentation, not by the gateway's code. It checks the provider token
 * (an ES256 JWT: {@code alg} ES256, {@code kid} the sandbox key's ID, {@code iss} the team, {@code iat} not older
 * than an hour, signature by the team's key, whose .p8 file it writes at start), tracks each team's token and
 * answers {@code TooManyProviderTokenUpdates} when it changes sooner than {@code tokenUpdateInterval} after the last
 * change; then the headers ({@code apns-topic}, {@code apns-push-type}, {@code apns-priority}, {@code apns-expiration},
 * {@code apns-collapse-id}, {@code apns-id}), the device token and the payload (4096 bytes, 5120 for VoIP). Errors
 * are {@code {"reason"}} (410: with {@code "timestamp"}, milliseconds) with an {@code apns-id} header.
 */
public final class ApnsSimulator extends Simulator {

    public static final String TEAM_ID = "SANDBOXTM1";
    public static final String KEY_ID = "SANDBOXKY1";
    public static final String TOPIC = "io.pushrelay.sandbox.app";
    static final int MAX_PAYLOAD_BYTES = 4096;
    static final int MAX_VOIP_PAYLOAD_BYTES = 5120;
    static final Pattern DEVICE_TOKEN = Pattern.compile("[0-9a-fA-F]{64,200}");
    static final Pattern APNS_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static final Set<String> PUSH_TYPES = Set.of("alert", "background", "voip", "complication", "fileprovider", "mdm",
            "location", "liveactivity", "pushtotalk", "widgets", "controls");

    private final PublicKey teamKey;
    private final Path keyFile;
    private final Set<String> acceptedTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> unregisteredSince = new ConcurrentHashMap<>();
    private volatile Instant lastTokenChange;
    private volatile Duration tokenUpdateInterval = Duration.ofMinutes(20);
    private volatile Duration maxTokenAge = Duration.ofHours(1);

    private ApnsSimulator(SandboxState state, PublicKey teamKey, Path keyFile) {
        super("apns", state);
        this.teamKey = teamKey;
        this.keyFile = keyFile;
    }

    /** A simulator with a new P-256 key for the sandbox team, its private half written as Apple's .p8 file in {@code dir}. */
    static ApnsSimulator create(SandboxState state, Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        Path file = dir.resolve("AuthKey_" + KEY_ID + ".p8");
        Files.createDirectories(dir);
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        return new ApnsSimulator(state, keys.getPublic(), file);
    }

    Path keyFile() {
        return keyFile;
    }

    // ---- controls for tests

    /** A team's token may change only this long after its last change (Apple: 20 minutes). */
    public void tokenUpdateInterval(Duration interval) {
        tokenUpdateInterval = interval;
    }

    /** Tokens older than this are refused with ExpiredProviderToken (Apple: an hour). */
    public void maxTokenAge(Duration age) {
        maxTokenAge = age;
    }

    /** The device token is answered 410 Unregistered, with {@code since} as the answer's timestamp. */
    public void unregister(String deviceToken, Instant since) {
        unregisteredSince.put(deviceToken, since);
    }

    /** How many different provider tokens the team's calls were accepted with. */
    public int providerTokensAccepted() {
        return acceptedTokens.size();
    }

    public void reset() {
        acceptedTokens.clear();
        unregisteredSince.clear();
        lastTokenChange = null;
        tokenUpdateInterval = Duration.ofMinutes(20);
        maxTokenAge = Duration.ofHours(1);
    }

    @Override
    String addressOf(SimRequest request) {
        return request.pathParams().get("token");
    }

    @Override
    int notifications(SimRequest request) {
        return 1;
    }

    @Override
    Reply process(SimRequest request) {
        String tokenError = providerTokenError(request.header("authorization"));
        if (tokenError != null) {
            return error(tokenError.equals("TooManyProviderTokenUpdates") ? 429 : 403, tokenError, null);
        }
        String topic = request.header("apns-topic");
        if (topic == null || topic.isEmpty()) {
            return error(400, "MissingTopic", null);
        }
        if (!topic.equals(TOPIC) && !topic.equals(TOPIC + ".voip")) {
            return error(400, "BadTopic", null);
        }
        String pushType = request.header("apns-push-type");
        if (pushType == null || !PUSH_TYPES.contains(pushType)) {
            return error(400, "InvalidPushType", null);
        }
        if (pushType.equals("voip") != topic.endsWith(".voip")) {
            return error(400, "DeviceTokenNotForTopic", null);
        }
        String priority = request.header("apns-priority");
        if (priority != null && !Set.of("10", "5", "1").contains(priority)
                || "background".equals(pushType) && "10".equals(priority)) {
            return error(400, "BadPriority", null);
        }
        String expiration = request.header("apns-expiration");
        if (expiration != null && !expiration.matches("\\d{1,12}")) {
            return error(400, "BadExpirationDate", null);
        }
        String collapseId = request.header("apns-collapse-id");
        if (collapseId != null && collapseId.getBytes(StandardCharsets.UTF_8).length > 64) {
            return error(400, "BadCollapseId", null);
        }
        String apnsId = request.header("apns-id");
        if (apnsId != null && !APNS_ID.matcher(apnsId).matches()) {
            return error(400, "BadMessageId", null);
        }
        String deviceToken = addressOf(request);
        if (deviceToken == null || deviceToken.isEmpty()) {
            return error(400, "MissingDeviceToken", null);
        }
        if (!DEVICE_TOKEN.matcher(deviceToken).matches()) {
            return error(400, "BadDeviceToken", null);
        }
        int size = request.body().getBytes(StandardCharsets.UTF_8).length;
        if (size == 0) {
            return error(400, "PayloadEmpty", null);
        }
        if (size > ("voip".equals(pushType) ? MAX_VOIP_PAYLOAD_BYTES : MAX_PAYLOAD_BYTES)) {
            return error(413, "PayloadTooLarge", null);
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(request.body());
        } catch (IOException e) {
            payload = null;
        }
        if (payload == null || !payload.isObject() || !payload.path("aps").isObject()) {
            return error(400, "PayloadEmpty", null);
        }
        Instant since = unregisteredSince.get(deviceToken);
        if (since == null && state.isUnregistered(provider, deviceToken)) {
            since = unregisteredSince.computeIfAbsent(deviceToken, t -> state.now());
        }
        if (since != null) {
            return gone(since);
        }
        Reply ok = Reply.empty(200).header("apns-id", apnsId != null ? apnsId : UUID.randomUUID().toString().toUpperCase(Locale.ROOT));
        return request.path().startsWith("/sandbox/") ? ok.header("apns-unique-id", UUID.randomUUID().toString()) : ok;
    }

    /** Null when the provider token is good; else APNs' reason for refusing it. */
    private String providerTokenError(String authorization) {
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            return "MissingProviderToken";
        }
        String jwt = authorization.substring(7).trim();
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            return "InvalidProviderToken";
        }
        JsonNode header;
        JsonNode claims;
        try {
            Base64.Decoder base64 = Base64.getUrlDecoder();
            header = JSON.readTree(base64.decode(parts[0]));
            claims = JSON.readTree(base64.decode(parts[1]));
            Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
            es256.initVerify(teamKey);
            es256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!es256.verify(base64.decode(parts[2]))) {
                return "InvalidProviderToken";
            }
        } catch (Exception e) {
            return "InvalidProviderToken";
        }
        if (!"ES256".equals(header.path("alg").asText()) || !KEY_ID.equals(header.path("kid").asText())) {
            return "InvalidProviderToken";
        }
        if (!TEAM_ID.equals(claims.path("iss").asText()) || !claims.path("iat").canConvertToLong()) {
            return "InvalidProviderToken";
        }
        Instant issued = Instant.ofEpochSecond(claims.path("iat").asLong());
        Instant now = state.now();
        if (issued.isAfter(now.plusSeconds(60))) {
            return "InvalidProviderToken";
        }
        if (Duration.between(issued, now).compareTo(maxTokenAge) > 0) {
            return "ExpiredProviderToken";
        }
        return adopted(jwt, now) ? null : "TooManyProviderTokenUpdates";
    }

    /** A token seen before is fine; a new one only once the team's last change is tokenUpdateInterval old. */
    private synchronized boolean adopted(String jwt, Instant now) {
        if (acceptedTokens.contains(jwt)) {
            return true;
        }
        if (lastTokenChange != null && Duration.between(lastTokenChange, now).compareTo(tokenUpdateInterval) < 0) {
            return false;
        }
        acceptedTokens.add(jwt);
        lastTokenChange = now;
        return true;
    }

    private Reply gone(Instant since) {
        ObjectNode body = object();
        body.put("reason", "Unregistered");
        body.put("timestamp", since.toEpochMilli());
        return Reply.json(410, write(body)).header("apns-id", UUID.randomUUID().toString().toUpperCase(Locale.ROOT));
    }

    @Override
    Reply error(int status, String reason, String message) {
        if (status == 410 && (reason == null || reason.equals("Unregistered"))) {
            return gone(state.now());
        }
        String why = reason != null ? reason : switch (status) {
            case 400 -> "BadDeviceToken";
            case 403 -> "InvalidProviderToken";
            case 404 -> "BadPath";
            case 405 -> "MethodNotAllowed";
            case 413 -> "PayloadTooLarge";
            case 429 -> "TooManyRequests";
            case 500 -> "InternalServerError";
            case 503 -> "ServiceUnavailable";
            default -> "InternalServerError";
        };
        ObjectNode body = object();
        body.put("reason", why);
        return Reply.json(status, write(body)).header("apns-id", UUID.randomUUID().toString().toUpperCase(Locale.ROOT));
    }
}
