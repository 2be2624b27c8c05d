package io.pushrelay.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Google's OAuth 2.0 token endpoint for the service-account JWT-bearer grant. It verifies the RS256 signature
 * against the sandbox service account's public key, the issuer, the audience (Google's token URI, which is what a
 * client signs for wherever it sends the assertion), that
 * {@code exp - iat} is at most one hour and that now lies between them, and that a messaging scope is asked for.
 */
final class GoogleTokenSimulator extends Simulator {

    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    static final Set<String> FCM_SCOPES = Set.of("https://www.googleapis.com/auth/firebase.messaging",
            "https://www.googleapis.com/auth/cloud-platform");
    private static final long CLOCK_SKEW_SECONDS = 300;
    private static final String TIMEFRAME = "Invalid JWT: Token must be a short-lived token (60 minutes) and in a "
            + "reasonable timeframe. Check your iat and exp values in the JWT claim.";

    /** The audiences Google accepts: its token URI and the legacy ones. */
    static final Set<String> AUDIENCES = Set.of("https://oauth2.googleapis.com/token",
            "https://accounts.google.com/o/oauth2/token", "https://www.googleapis.com/oauth2/v4/token");

    private final SandboxServiceAccount account;

    GoogleTokenSimulator(SandboxState state, SandboxServiceAccount account) {
        super("google", state);
        this.account = account;
    }

    @Override
    String addressOf(SimRequest request) {
        return null;
    }

    @Override
    Reply process(SimRequest request) {
        if (!request.contentTypeIs("application/x-www-form-urlencoded")) {
            return error(400, "invalid_request", "Invalid Content-Type; expected application/x-www-form-urlencoded");
        }
        Map<String, String> form = request.form();
        String grant = form.get("grant_type");
        if (!GRANT_TYPE.equals(grant)) {
            return error(400, "unsupported_grant_type", "Invalid grant_type: " + (grant == null ? "" : grant));
        }
        String assertion = form.get("assertion");
        String[] parts = assertion == null ? new String[0] : assertion.split("\\.");
        if (parts.length != 3) {
            return error(400, "invalid_grant", "Invalid JWT: invalid format.");
        }
        JsonNode header;
        JsonNode claims;
        try {
            header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (Exception e) {
            return error(400, "invalid_grant", "Invalid JWT: could not decode the header or claims.");
        }
        if (!"RS256".equals(header.path("alg").asText())) {
            return error(400, "invalid_grant", "Invalid JWT: unsupported signing algorithm " + header.path("alg").asText());
        }
        if (!account.clientEmail().equals(claims.path("iss").asText())) {
            return error(400, "invalid_grant", "Invalid JWT Signature.");
        }
        if (!verify(parts[0] + "." + parts[1], parts[2], account.publicKey())) {
            return error(400, "invalid_grant", "Invalid JWT Signature.");
        }
        if (!AUDIENCES.contains(claims.path("aud").asText())) {
            return error(400, "invalid_grant",
                    "Invalid JWT: Failed audience check. The right audience is https://oauth2.googleapis.com/token");
        }
        long iat = claims.path("iat").asLong(-1);
        long exp = claims.path("exp").asLong(-1);
        long now = state.now().getEpochSecond();
        if (iat < 0 || exp < 0 || exp - iat > 3600 || exp <= iat || iat > now + CLOCK_SKEW_SECONDS
                || exp < now - CLOCK_SKEW_SECONDS) {
            return error(400, "invalid_grant", TIMEFRAME);
        }
        Set<String> scopes = new HashSet<>(Set.of(claims.path("scope").asText("").split(" ")));
        scopes.remove("");
        if (scopes.isEmpty()) {
            return error(400, "invalid_scope", "Empty or missing scope not allowed.");
        }
        SandboxState.IssuedToken token = state.issue("ya29.c.", account.clientEmail(), scopes, Duration.ofSeconds(3599));
        ObjectNode body = object();
        body.put("access_token", token.token());
        body.put("expires_in", Duration.between(state.now(), token.expiresAt()).toSeconds());
        body.put("token_type", "Bearer");
        return Reply.json(200, write(body));
    }

    private static boolean verify(String signedPart, String signature, PublicKey key) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(signedPart.getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(Base64.getUrlDecoder().decode(signature));
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    Reply error(int status, String reason, String message) {
        ObjectNode body = object();
        body.put("error", reason != null ? reason : status >= 500 ? "internal_failure" : "invalid_request");
        body.put("error_description", message != null ? message : "Backend error (" + status + ")");
        return Reply.json(status, write(body));
    }
}
