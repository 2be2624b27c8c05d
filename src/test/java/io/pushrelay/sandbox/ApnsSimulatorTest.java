package io.pushrelay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The APNs simulator as an APNs client sees it: the JDK's HTTP/2 client over TLS, trusting the sandbox's store. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApnsSimulatorTest {

    static final String DEVICE = "0a1b".repeat(16);

    @TempDir
    static Path dir;

    ProviderSandbox sandbox;
    HttpClient client;
    String base;
    PrivateKey teamKey;

    @BeforeAll
    void start() throws Exception {
        sandbox = new ProviderSandbox(0, dir);
        sandbox.start();
        Map<String, String> settings = sandbox.providerSettings();
        base = settings.get("pushrelay.apns.base-url");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(settings.get("pushrelay.provider.trust-store")))) {
            trust.load(in, settings.get("pushrelay.provider.trust-store-password").toCharArray());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, factory.getTrustManagers(), null);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(tls).build();
        String pem = Files.readString(Path.of(settings.get("pushrelay.apns.key-file")));
        teamKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----|\\s", ""))));
    }

    @AfterAll
    void stop() throws Exception {
        sandbox.stop();
    }

    @BeforeEach
    void reset() {
        sandbox.state().reset();
        sandbox.apns().reset();
    }

    String jwt(String kid, String iss, Instant iat, PrivateKey key) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(("{\"alg\":\"ES256\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(("{\"iss\":\"" + iss + "\",\"iat\":" + iat.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initSign(key);
        es256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64.encodeToString(es256.sign());
    }

    String goodJwt() throws Exception {
        return jwt(ApnsSimulator.KEY_ID, ApnsSimulator.TEAM_ID, Instant.now(), teamKey);
    }

    Map<String, String> headers(String jwt) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("authorization", "bearer " + jwt);
        h.put("apns-topic", ApnsSimulator.TOPIC);
        h.put("apns-push-type", "alert");
        h.put("apns-priority", "10");
        return h;
    }

    HttpResponse<String> post(String path, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(Map<String, String> headers, String body) throws Exception {
        return post("/3/device/" + DEVICE, headers, body);
    }

    static String reason(HttpResponse<String> response) throws Exception {
        return SandboxHttp.JSON.readTree(response.body()).path("reason").asText();
    }

    @Test
    void aGoodCallIsAcceptedOverHttp2WithAnApnsId() throws Exception {
        String jwt = goodJwt();
        HttpResponse<String> ok = send(headers(jwt), "{\"aps\":{\"alert\":\"hi\"}}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(ok.headers().firstValue("apns-id")).isPresent();
        HttpResponse<String> dev = post("/sandbox/3/device/" + DEVICE, headers(jwt), "{\"aps\":{}}");
        assertThat(dev.statusCode()).isEqualTo(200);
        assertThat(dev.headers().firstValue("apns-unique-id")).isPresent();
        assertThat(sandbox.calls("apns")).hasSize(2).allSatisfy(c -> assertThat(c.httpVersion()).isEqualTo("HTTP/2"));
    }

    @Test
    void theProviderTokenIsCheckedKidIssSignatureAndAge() throws Exception {
        String body = "{\"aps\":{}}";
        assertThat(reason(send(Map.of("apns-topic", ApnsSimulator.TOPIC, "apns-push-type", "alert"), body)))
                .isEqualTo("MissingProviderToken");
        assertThat(reason(send(headers(jwt("OTHERKEY01", ApnsSimulator.TEAM_ID, Instant.now(), teamKey)), body)))
                .isEqualTo("InvalidProviderToken");
        assertThat(reason(send(headers(jwt(ApnsSimulator.KEY_ID, "OTHERTEAM1", Instant.now(), teamKey)), body)))
                .isEqualTo("InvalidProviderToken");
        var generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        HttpResponse<String> forged = send(headers(jwt(ApnsSimulator.KEY_ID, ApnsSimulator.TEAM_ID, Instant.now(),
                generator.generateKeyPair().getPrivate())), body);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(reason(forged)).isEqualTo("InvalidProviderToken");
        HttpResponse<String> old = send(headers(jwt(ApnsSimulator.KEY_ID, ApnsSimulator.TEAM_ID,
                Instant.now().minus(Duration.ofMinutes(61)), teamKey)), body);
        assertThat(old.statusCode()).isEqualTo(403);
        assertThat(reason(old)).isEqualTo("ExpiredProviderToken");
        assertThat(old.headers().firstValue("apns-id")).isPresent();
    }

    @Test
    void aTeamsTokenMayChangeOnlyAfterTheUpdateInterval() throws Exception {
        String first = goodJwt();
        assertThat(send(headers(first), "{\"aps\":{}}").statusCode()).isEqualTo(200);
        String second = jwt(ApnsSimulator.KEY_ID, ApnsSimulator.TEAM_ID, Instant.now().minusSeconds(1), teamKey);
        HttpResponse<String> tooSoon = send(headers(second), "{\"aps\":{}}");
        assertThat(tooSoon.statusCode()).isEqualTo(429);
        assertThat(reason(tooSoon)).isEqualTo("TooManyProviderTokenUpdates");
        assertThat(send(headers(first), "{\"aps\":{}}").statusCode()).isEqualTo(200);
        sandbox.apns().tokenUpdateInterval(Duration.ZERO);
        assertThat(send(headers(second), "{\"aps\":{}}").statusCode()).isEqualTo(200);
        assertThat(sandbox.apns().providerTokensAccepted()).isEqualTo(2);
    }

    @Test
    void headersTokensAndSizesAreJudgedAsApnsDoes() throws Exception {
        String jwt = goodJwt();
        Map<String, String> noTopic = headers(jwt);
        noTopic.remove("apns-topic");
        assertThat(reason(send(noTopic, "{\"aps\":{}}"))).isEqualTo("MissingTopic");
        Map<String, String> otherTopic = headers(jwt);
        otherTopic.put("apns-topic", "com.other.app");
        assertThat(reason(send(otherTopic, "{\"aps\":{}}"))).isEqualTo("BadTopic");
        Map<String, String> voipOnAppTopic = headers(jwt);
        voipOnAppTopic.put("apns-push-type", "voip");
        assertThat(reason(send(voipOnAppTopic, "{\"aps\":{}}"))).isEqualTo("DeviceTokenNotForTopic");
        Map<String, String> badType = headers(jwt);
        badType.put("apns-push-type", "loud");
        assertThat(reason(send(badType, "{\"aps\":{}}"))).isEqualTo("InvalidPushType");
        Map<String, String> backgroundAt10 = headers(jwt);
        backgroundAt10.put("apns-push-type", "background");
        assertThat(reason(send(backgroundAt10, "{\"aps\":{\"content-available\":1}}"))).isEqualTo("BadPriority");
        Map<String, String> badExpiry = headers(jwt);
        badExpiry.put("apns-expiration", "tomorrow");
        assertThat(reason(send(badExpiry, "{\"aps\":{}}"))).isEqualTo("BadExpirationDate");
        Map<String, String> longCollapse = headers(jwt);
        longCollapse.put("apns-collapse-id", "c".repeat(65));
        assertThat(reason(send(longCollapse, "{\"aps\":{}}"))).isEqualTo("BadCollapseId");
        assertThat(reason(post("/3/device/not-hex", headers(jwt), "{\"aps\":{}}"))).isEqualTo("BadDeviceToken");
        assertThat(reason(send(headers(jwt), ""))).isEqualTo("PayloadEmpty");
        String big = "{\"aps\":{\"alert\":\"" + "x".repeat(4100) + "\"}}";
        HttpResponse<String> tooLarge = send(headers(jwt), big);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(reason(tooLarge)).isEqualTo("PayloadTooLarge");
        Map<String, String> voip = headers(jwt);
        voip.put("apns-push-type", "voip");
        voip.put("apns-topic", ApnsSimulator.TOPIC + ".voip");
        assertThat(send(voip, big).statusCode()).isEqualTo(200);
    }

    @Test
    void unregisteredTokensAnswer410WithTheirTimestampAndFaultsInApplesShape() throws Exception {
        Instant since = Instant.parse("2026-12-01T08:00:00Z");
        sandbox.apns().unregister(DEVICE, since);
        HttpResponse<String> gone = send(headers(goodJwt()), "{\"aps\":{}}");
        assertThat(gone.statusCode()).isEqualTo(410);
        JsonNode body = SandboxHttp.JSON.readTree(gone.body());
        assertThat(body.get("reason").asText()).isEqualTo("Unregistered");
        assertThat(body.get("timestamp").asLong()).isEqualTo(since.toEpochMilli());
        sandbox.apns().reset();
        sandbox.fault(Fault.status("apns", 503, 1).withReason("Shutdown"));
        HttpResponse<String> shutdown = send(headers(goodJwt()), "{\"aps\":{}}");
        assertThat(shutdown.statusCode()).isEqualTo(503);
        assertThat(reason(shutdown)).isEqualTo("Shutdown");
        sandbox.fault(Fault.status("apns", 429, 1));
        assertThat(reason(send(headers(goodJwt()), "{\"aps\":{}}"))).isEqualTo("TooManyRequests");
    }

    @Test
    void http11IsRefused() throws Exception {
        HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(
                client.sslContext()).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/3/device/" + DEVICE))
                .POST(HttpRequest.BodyPublishers.ofString("{\"aps\":{}}"));
        headers(goodJwt()).forEach(request::header);
        assertThat(http11.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(505);
    }
}
