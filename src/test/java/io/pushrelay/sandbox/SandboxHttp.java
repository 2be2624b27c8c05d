package io.pushrelay.sandbox;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Raw HTTP against the sandbox, the way a provider client would talk to the real thing. */
final class SandboxHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    SandboxHttp(String base) {
        this.base = base;
    }

    HttpResponse<String> post(String path, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> form(String path, Map<String, String> fields) throws Exception {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return post(path, Map.of("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8"), body);
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    /** A JWT-bearer assertion signed with the sandbox service account's key, as google-auth-library builds it. */
    static String assertion(Path serviceAccountFile, String audience, long iat, long exp, String scope, boolean tamper)
            throws Exception {
        JsonNode account = JSON.readTree(Files.readString(serviceAccountFile));
        String pem = account.get("private_key").asText().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT",
                "kid", account.get("private_key_id").asText())));
        String claims = b64.encodeToString(JSON.writeValueAsBytes(Map.of("iss", account.get("client_email").asText(),
                "aud", audience, "iat", iat, "exp", exp, "scope", scope)));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        byte[] signature = signer.sign();
        if (tamper) {
            signature[0] ^= 1;
        }
        return header + "." + claims + "." + b64.encodeToString(signature);
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }
}
