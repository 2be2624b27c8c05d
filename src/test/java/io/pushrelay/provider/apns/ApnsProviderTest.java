package io.pushrelay.provider.apns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pushrelay.http.HttpAnswer;
import io.pushrelay.message.ChannelType;
import io.pushrelay.message.DeliveryStatus;
import io.pushrelay.message.Target;
import io.pushrelay.provider.Classification;
import io.pushrelay.provider.ProviderCall;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every answer Apple documents, and what the gateway makes of it. */
class ApnsProviderTest {

    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    final ApnsProvider apns = new ApnsProvider("https://api.push.apple.com", "https://api.sandbox.push.apple.com",
            "com.example.app", Clock.fixed(NOW, ZoneOffset.UTC));
    final ProviderCall call = new ProviderCall(List.of(Target.of(ChannelType.parse("APNS"), "ab".repeat(32))), "u", Map.of(), "{}");

    static HttpAnswer answer(int status, String body, String... headers) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("content-type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return new HttpAnswer(status, h, body, null);
    }

    @ParameterizedTest
    @CsvSource({
            "400, BadDeviceToken, PERMANENT_FAILURE, false, false",
            "400, BadTopic, PERMANENT_FAILURE, false, false",
            "400, DeviceTokenNotForTopic, PERMANENT_FAILURE, false, false",
            "400, MissingTopic, PERMANENT_FAILURE, false, false",
            "400, PayloadEmpty, PERMANENT_FAILURE, false, false",
            "400, BadExpirationDate, PERMANENT_FAILURE, false, false",
            "400, BadPriority, PERMANENT_FAILURE, false, false",
            "400, InvalidPushType, PERMANENT_FAILURE, false, false",
            "403, ExpiredProviderToken, TEMPORARY_FAILURE, true, false",
            "403, InvalidProviderToken, TEMPORARY_FAILURE, true, false",
            "403, BadCertificate, PERMANENT_FAILURE, false, false",
            "410, Unregistered, PERMANENT_FAILURE, false, true",
            "413, PayloadTooLarge, PERMANENT_FAILURE, false, false",
            "429, TooManyRequests, THROTTLED, false, false",
            "429, TooManyProviderTokenUpdates, THROTTLED, false, false",
            "500, InternalServerError, TEMPORARY_FAILURE, false, false",
            "503, ServiceUnavailable, TEMPORARY_FAILURE, false, false",
            "503, Shutdown, TEMPORARY_FAILURE, false, false"})
    void documentedReasons(int status, String reason, DeliveryStatus expected, boolean tokenRejected, boolean gone) {
        Classification c = apns.classify(call, answer(status, "{\"reason\":\"" + reason + "\"}", "apns-id", "ID"));
        assertThat(c.status()).isEqualTo(expected);
        assertThat(c.reason()).isEqualTo(reason);
        assertThat(c.tokenRejected()).isEqualTo(tokenRejected);
        assertThat(c.addressGone()).isEqualTo(gone);
    }

    @Test
    void successCarriesTheApnsIdAndUnregisteredItsTimestamp() {
        Classification ok = apns.classify(call, answer(200, "", "apns-id", "EC1BF194-B3B2-424A-89A9-5A918A6E6B5D"));
        assertThat(ok.successful()).isTrue();
        assertThat(ok.messageId()).isEqualTo("EC1BF194-B3B2-424A-89A9-5A918A6E6B5D");
        Classification gone = apns.classify(call, answer(410, "{\"reason\":\"Unregistered\",\"timestamp\":1765100000000}"));
        assertThat(gone.goneSince()).isEqualTo(Instant.ofEpochMilli(1765100000000L));
        Classification html = apns.classify(call, new HttpAnswer(502, Map.of("content-type", "text/html"), "<html>", null));
        assertThat(html.status()).isEqualTo(DeliveryStatus.TEMPORARY_FAILURE);
        assertThat(html.reason()).isEqualTo("HTTP_502");
        Classification later = apns.classify(call, answer(429, "{\"reason\":\"TooManyRequests\"}", "Retry-After", "7"));
        assertThat(later.retryAfter()).hasSeconds(7);
    }
}
