package io.pushrelay.provider.apns;

import io.pushrelay.support.MovableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.auth.AccessToken;
import io.pushrelay.auth.TokenRefreshProcessor;
import io.pushrelay.message.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider token: its shape and signature, and how often the delivery's token refresher renews it. */
class ApnsTokenFetcherTest {

    @TempDir
    Path dir;

    final MovableClock clock = new MovableClock("2026-12-07T10:00:00Z");

    KeyPair keyWrittenAsP8(Path file) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        return keys;
    }

    @Test
    void theTokenIsAnEs256JwtWithKidIssAndIatSignedByTheTeamsKey() throws Exception {
        Path p8 = dir.resolve("AuthKey_ABC123DEFG.p8");
        KeyPair keys = keyWrittenAsP8(p8);
        AccessToken token = new ApnsTokenFetcher("TEAM123456", "ABC123DEFG", p8, clock).fetch();
        String[] parts = token.value().split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode header = Json.tree(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
        JsonNode claims = Json.tree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        assertThat(header.get("alg").asText()).isEqualTo("ES256");
        assertThat(header.get("kid").asText()).isEqualTo("ABC123DEFG");
        assertThat(claims.get("iss").asText()).isEqualTo("TEAM123456");
        assertThat(claims.get("iat").asLong()).isEqualTo(clock.now.getEpochSecond());
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initVerify(keys.getPublic());
        es256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(es256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        assertThat(token.expiresAt()).isEqualTo(clock.now.plus(Duration.ofMinutes(50)));
    }

    @Test
    void oneTokenIsReusedForAtLeast20MinutesAndRenewedBeforeAnHourNeverMoreOften() throws Exception {
        Path p8 = dir.resolve("key.p8");
        keyWrittenAsP8(p8);
        ApnsTokenFetcher fetcher = new ApnsTokenFetcher("TEAM123456", "ABC123DEFG", p8, clock);
        List<Instant> signed = new ArrayList<>();
        // the refresher ProviderWiring gives every provider: renewed 60 s before it expires
        TokenRefreshProcessor tokens = new TokenRefreshProcessor("apns", () -> {
            signed.add(clock.instant());
            return fetcher.fetch();
        }, Duration.ofSeconds(60), Duration.ofSeconds(1), clock);
        Instant start = clock.now;
        AccessToken first = tokens.current();
        List<AccessToken> seen = new ArrayList<>();
        // every call over 3 hours, one a minute
        for (int minute = 0; minute <= 180; minute++) {
            clock.now = start.plus(Duration.ofMinutes(minute));
            seen.add(tokens.current());
        }
        assertThat(seen.subList(0, 49)).containsOnly(first);
        assertThat(signed).hasSize(4);
        for (int i = 1; i < signed.size(); i++) {
            Duration between = Duration.between(signed.get(i - 1), signed.get(i));
            assertThat(between).isGreaterThanOrEqualTo(Duration.ofMinutes(20)).isLessThan(Duration.ofMinutes(60));
        }
    }

    @Test
    void aRefusedTokenIsReplacedOnceButNeverWithin20MinutesOfTheLast() throws Exception {
        Path p8 = dir.resolve("key.p8");
        keyWrittenAsP8(p8);
        ApnsTokenFetcher fetcher = new ApnsTokenFetcher("TEAM123456", "ABC123DEFG", p8, clock);
        TokenRefreshProcessor tokens = new TokenRefreshProcessor("apns", fetcher, Duration.ofSeconds(60),
                Duration.ofSeconds(1), clock);
        Instant start = clock.now;
        AccessToken first = tokens.current();
        clock.now = start.plus(Duration.ofMinutes(5));
        // refused five minutes after it was signed: the same token back, the retry goes with it
        assertThat(tokens.refreshAfterRejection(first)).isEqualTo(first);
        clock.now = start.plus(Duration.ofMinutes(20));
        AccessToken fresh = tokens.refreshAfterRejection(first);
        assertThat(fresh).isNotEqualTo(first);
        // every call that saw the old one refused gets the one replacement
        assertThat(tokens.refreshAfterRejection(first)).isEqualTo(fresh);
        assertThat(tokens.current()).isEqualTo(fresh);
        assertThat(fresh.expiresAt()).isEqualTo(clock.now.plus(Duration.ofMinutes(50)));
    }
}
