package io.pushrelay.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import io.pushrelay.http.HttpAnswer;
import io.pushrelay.message.ChannelType;
import io.pushrelay.message.DeliveryStatus;
import io.pushrelay.message.Target;
import io.pushrelay.provider.adm.AdmProvider;
import io.pushrelay.provider.alexa.AlexaProvider;
import io.pushrelay.provider.fcm.FcmProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every documented answer of each provider, and what the gateway makes of it. */
class ClassificationTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static HttpAnswer json(int status, String body, String... headers) {
        Map<String, String> h = new java.util.LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return new HttpAnswer(status, h, body, null);
    }

    @Nested
    class Adm {
        final AdmProvider adm = new AdmProvider("http://x/adm", CLOCK);
        final ProviderCall call = new ProviderCall(List.of(Target.of(ChannelType.ADM, "old-id")), "u", Map.of(), "{}");

        @ParameterizedTest
        @CsvSource({
                "400, InvalidRegistrationId, PERMANENT_FAILURE, true",
                "400, Unregistered, PERMANENT_FAILURE, true",
                "400, InvalidData, PERMANENT_FAILURE, false",
                "400, InvalidConsolidationKey, PERMANENT_FAILURE, false",
                "400, InvalidExpiration, PERMANENT_FAILURE, false",
                "400, InvalidChecksum, PERMANENT_FAILURE, false",
                "400, InvalidType, PERMANENT_FAILURE, false",
                "413, MessageTooLarge, PERMANENT_FAILURE, false",
                "429, MaxRateExceeded, THROTTLED, false",
                "401, AccessTokenExpired, TEMPORARY_FAILURE, false"})
        void documentedReasons(int status, String reason, DeliveryStatus expected, boolean gone) {
            Classification c = adm.classify(call, json(status, "{\"reason\":\"" + reason + "\"}"));
            assertThat(c.status()).isEqualTo(expected);
            assertThat(c.reason()).isEqualTo(reason);
            assertThat(c.statusCode()).isEqualTo(status);
            assertThat(c.addressGone()).isEqualTo(gone);
            assertThat(c.tokenRejected()).isEqualTo(status == 401);
        }

        @Test
        void successReportsTheRequestIdAndANewRegistrationIdAsUpdatedToken() {
            Classification same = adm.classify(call, json(200, "{\"registrationID\":\"old-id\"}", "X-Amzn-RequestId", "rq-1"));
            assertThat(same.successful()).isTrue();
            assertThat(same.messageId()).isEqualTo("rq-1");
            assertThat(same.updatedToken()).isNull();
            assertThat(adm.classify(call, json(200, "{\"registrationID\":\"new-id\"}")).updatedToken()).isEqualTo("new-id");
        }

        @Test
        void serverErrorsAreRetriedHonouringRetryAfterInBothForms() {
            Classification seconds = adm.classify(call, json(503, "{}", "Retry-After", "7"));
            assertThat(seconds.status()).isEqualTo(DeliveryStatus.TEMPORARY_FAILURE);
            assertThat(seconds.retryAfter()).isEqualTo(Duration.ofSeconds(7));
            String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(NOW.plusSeconds(90), ZoneOffset.UTC));
            assertThat(adm.classify(call, json(500, "{}", "Retry-After", date)).retryAfter()).isEqualTo(Duration.ofSeconds(90));
            assertThat(adm.classify(call, json(429, "{\"reason\":\"MaxRateExceeded\"}", "Retry-After", "2")).retryAfter())
                    .isEqualTo(Duration.ofSeconds(2));
        }

        @Test
        void anHtmlErrorPageIsATemporaryFailure() {
            HttpAnswer html = new HttpAnswer(502, Map.of("Content-Type", "text/html"), "<html>Bad Gateway</html>", null);
            Classification c = adm.classify(call, html);
            assertThat(c.status()).isEqualTo(DeliveryStatus.TEMPORARY_FAILURE);
            assertThat(c.reason()).isEqualTo("HTTP_502");
        }

        @Test
        void noAnswerIsATimeoutOrAConnectionFailure() {
            assertThat(adm.classify(call, HttpAnswer.failed(new SocketTimeoutException("Read timed out"))).status())
                    .isEqualTo(DeliveryStatus.TIMEOUT);
            assertThat(adm.classify(call, HttpAnswer.failed(new java.net.ConnectException("refused"))).status())
                    .isEqualTo(DeliveryStatus.TEMPORARY_FAILURE);
        }
    }

    @Nested
    class Fcm {
        final FcmProvider fcm = new FcmProvider("http://x/fcm", "p", CLOCK);
        final ProviderCall call = new ProviderCall(List.of(Target.of(ChannelType.GCM, "tok")), "u", Map.of(), "{}");

        HttpAnswer error(int code, String status, String errorCode, String message, String... headers) {
            String details = errorCode == null ? "" : ",\"details\":[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\","
                    + "\"errorCode\":\"" + errorCode + "\"}]";
            return json(code, "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status + "\""
                    + details + "}}", headers);
        }

        @ParameterizedTest
        @CsvSource({
                "404, NOT_FOUND, UNREGISTERED, PERMANENT_FAILURE, true",
                "400, INVALID_ARGUMENT, INVALID_ARGUMENT, PERMANENT_FAILURE, false",
                "403, PERMISSION_DENIED, SENDER_ID_MISMATCH, PERMANENT_FAILURE, false",
                "401, UNAUTHENTICATED, THIRD_PARTY_AUTH_ERROR, PERMANENT_FAILURE, false",
                "503, UNAVAILABLE, UNAVAILABLE, TEMPORARY_FAILURE, false",
                "500, INTERNAL, INTERNAL, TEMPORARY_FAILURE, false"})
        void documentedErrorCodes(int code, String status, String errorCode, DeliveryStatus expected, boolean gone) {
            Classification c = fcm.classify(call, error(code, status, errorCode, "m"));
            assertThat(c.status()).isEqualTo(expected);
            assertThat(c.reason()).isEqualTo(errorCode);
            assertThat(c.addressGone()).isEqualTo(gone);
            assertThat(c.tokenRejected()).isFalse();
        }

        @Test
        void anInvalidRegistrationTokenIsGone() {
            assertThat(fcm.classify(call, error(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT",
                    "The registration token is not a valid FCM registration token")).addressGone()).isTrue();
        }

        @Test
        void quotaExceededWaitsAtLeastAMinute() {
            Classification c = fcm.classify(call, error(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "q", "Retry-After", "5"));
            assertThat(c.status()).isEqualTo(DeliveryStatus.THROTTLED);
            assertThat(c.retryAfter()).isEqualTo(Duration.ofSeconds(60));
            assertThat(fcm.classify(call, error(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "q", "Retry-After", "120"))
                    .retryAfter()).isEqualTo(Duration.ofSeconds(120));
        }

        @Test
        void anExpiredOauthTokenWithoutFcmErrorMeansRefreshAndRetry() {
            Classification c = fcm.classify(call, error(401, "UNAUTHENTICATED", null, "Request had invalid authentication credentials."));
            assertThat(c.tokenRejected()).isTrue();
        }

        @Test
        void successCarriesTheMessageName() {
            assertThat(fcm.classify(call, json(200, "{\"name\":\"projects/p/messages/0:1\"}")).messageId())
                    .isEqualTo("projects/p/messages/0:1");
        }

        @Test
        void htmlBadGatewayIsRetried() {
            assertThat(fcm.classify(call, new HttpAnswer(502, Map.of("Content-Type", "text/html"), "<html/>", null)).status())
                    .isEqualTo(DeliveryStatus.TEMPORARY_FAILURE);
        }
    }

    @Nested
    class Alexa {
        final AlexaProvider alexa = new AlexaProvider("http://x/alexa", "en-US", CLOCK);
        final ProviderCall call = new ProviderCall(List.of(Target.of(ChannelType.ALEXA, "u")), "u", Map.of(), "{}");

        @ParameterizedTest
        @CsvSource({"400, PERMANENT_FAILURE", "403, PERMANENT_FAILURE", "429, THROTTLED", "500, TEMPORARY_FAILURE",
                "503, TEMPORARY_FAILURE", "401, TEMPORARY_FAILURE"})
        void statuses(int status, DeliveryStatus expected) {
            Classification c = alexa.classify(call, json(status, "{\"code\":\"X\",\"message\":\"m\"}"));
            assertThat(c.status()).isEqualTo(expected);
            assertThat(c.tokenRejected()).isEqualTo(status == 401);
        }

        @Test
        void acceptedIsSuccess() {
            assertThat(alexa.classify(call, new HttpAnswer(202, Map.of("X-Amzn-RequestId", "r"), "", null)).successful()).isTrue();
        }
    }
}
