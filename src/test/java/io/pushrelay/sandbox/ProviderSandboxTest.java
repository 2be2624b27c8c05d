package io.pushrelay.sandbox;

import static io.pushrelay.sandbox.SandboxHttp.json;
import static io.pushrelay.sandbox.SandboxHttp.now;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The simulators over raw HTTP: each documented success and error, shaped as the provider shapes it. */
class ProviderSandboxTest {

    static final String ADM_ID = "amzn1.adm-registration.v3.Y29tLmFtYXpvbi5EZXZpY2VNZXNzYWdpbmcuUmVnaXN0cmF0aW9uSWQ";
    static final String FCM_TOKEN = "dGVzdC10b2tlbi0x:APA91bHun4MxP5egoKMwt2KZFBaFUH-1RYqx";
    static final String UNIT = "amzn1.alexa.unit.did.AE2JEXAMPLEUNIT";

    static ProviderSandbox sandbox;
    static SandboxHttp http;

    @BeforeAll
    static void start() throws Exception {
        sandbox = new ProviderSandbox(0, Files.createDirectories(Path.of("sandbox-test")));
        sandbox.start();
        http = new SandboxHttp(sandbox.url());
    }

    @AfterAll
    static void stop() {
        sandbox.stop();
    }

    @BeforeEach
    void reset() {
        sandbox.state().reset();
    }

    static String lwaToken(String clientId, String secret, String scope) throws Exception {
        return json(http.form("/lwa/auth/o2/token", Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret, "scope", scope))).get("access_token").asText();
    }

    static String googleToken() throws Exception {
        String assertion = SandboxHttp.assertion(sandbox.serviceAccountFile(), "https://oauth2.googleapis.com/token", now(),
                now() + 3600, "https://www.googleapis.com/auth/firebase.messaging", false);
        return json(http.form("/google/token", Map.of("grant_type", GoogleTokenSimulator.GRANT_TYPE,
                "assertion", assertion))).get("access_token").asText();
    }

    @Nested
    class LoginWithAmazon {

        @Test
        void clientCredentialsGrantIssuesAtcTokensForAnHour() throws Exception {
            HttpResponse<String> response = http.form("/auth/O2/token".replace("/auth", "/lwa/auth"), Map.of(
                    "grant_type", "client_credentials", "scope", "messaging:push",
                    "client_id", ProviderSandbox.ADM_CLIENT_ID, "client_secret", ProviderSandbox.ADM_CLIENT_SECRET));
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = json(response);
            assertThat(body.get("access_token").asText()).startsWith("Atc|");
            assertThat(body.get("expires_in").asInt()).isBetween(3599, 3600);
            assertThat(body.get("scope").asText()).isEqualTo("messaging:push");
            assertThat(body.get("token_type").asText()).isEqualToIgnoringCase("bearer");
        }

        @Test
        void refreshTokenGrantForAlexa() throws Exception {
            HttpResponse<String> response = http.form("/lwa/auth/o2/token", Map.of("grant_type", "refresh_token",
                    "refresh_token", ProviderSandbox.ALEXA_REFRESH_TOKEN, "client_id", ProviderSandbox.ALEXA_CLIENT_ID,
                    "client_secret", ProviderSandbox.ALEXA_CLIENT_SECRET, "scope", "alexa::enterprise:management"));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("access_token").asText()).startsWith("Atc|");
        }

        @Test
        void wrongSecretIsInvalidClient401() throws Exception {
            HttpResponse<String> response = http.form("/lwa/auth/o2/token", Map.of("grant_type", "client_credentials",
                    "scope", "messaging:push", "client_id", ProviderSandbox.ADM_CLIENT_ID, "client_secret", "nope"));
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(json(response).get("error").asText()).isEqualTo("invalid_client");
            assertThat(json(response).get("error_description").asText()).isEqualTo("Client authentication failed");
        }

        @Test
        void wrongRefreshTokenIsInvalidGrant() throws Exception {
            HttpResponse<String> response = http.form("/lwa/auth/o2/token", Map.of("grant_type", "refresh_token",
                    "refresh_token", "Atzr|stale", "client_id", ProviderSandbox.ALEXA_CLIENT_ID,
                    "client_secret", ProviderSandbox.ALEXA_CLIENT_SECRET));
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).get("error").asText()).isEqualTo("invalid_grant");
        }

        @Test
        void unknownGrantTypeIsUnsupported() throws Exception {
            HttpResponse<String> response = http.form("/lwa/auth/o2/token", Map.of("grant_type", "password",
                    "client_id", ProviderSandbox.ADM_CLIENT_ID, "client_secret", ProviderSandbox.ADM_CLIENT_SECRET));
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).get("error").asText()).isEqualTo("unsupported_grant_type");
        }

        @Test
        void scopeOutsideTheClientsIsInvalidScope() throws Exception {
            HttpResponse<String> response = http.form("/lwa/auth/o2/token", Map.of("grant_type", "client_credentials",
                    "scope", "profile", "client_id", ProviderSandbox.ADM_CLIENT_ID,
                    "client_secret", ProviderSandbox.ADM_CLIENT_SECRET));
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).get("error").asText()).isEqualTo("invalid_scope");
        }
    }

    @Nested
    class GoogleOAuth {

        String audience() {
            return "https://oauth2.googleapis.com/token";
        }

        HttpResponse<String> exchange(String assertion) throws Exception {
            return http.form("/google/token", Map.of("grant_type", GoogleTokenSimulator.GRANT_TYPE, "assertion", assertion));
        }

        @Test
        void validSignedAssertionGetsAnAccessToken() throws Exception {
            HttpResponse<String> response = exchange(SandboxHttp.assertion(sandbox.serviceAccountFile(), audience(),
                    now(), now() + 3600, "https://www.googleapis.com/auth/firebase.messaging", false));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("access_token").asText()).startsWith("ya29.");
            assertThat(json(response).get("expires_in").asInt()).isBetween(3598, 3599);
        }

        @Test
        void badSignatureIsInvalidGrant() throws Exception {
            HttpResponse<String> response = exchange(SandboxHttp.assertion(sandbox.serviceAccountFile(), audience(),
                    now(), now() + 3600, "https://www.googleapis.com/auth/firebase.messaging", true));
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).get("error").asText()).isEqualTo("invalid_grant");
            assertThat(json(response).get("error_description").asText()).isEqualTo("Invalid JWT Signature.");
        }

        @Test
        void lifetimeOverAnHourIsRejectedAsGoogleWordsIt() throws Exception {
            HttpResponse<String> response = exchange(SandboxHttp.assertion(sandbox.serviceAccountFile(), audience(),
                    now(), now() + 7200, "https://www.googleapis.com/auth/firebase.messaging", false));
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).get("error_description").asText())
                    .startsWith("Invalid JWT: Token must be a short-lived token (60 minutes)");
        }

        @Test
        void wrongAudienceIsRejected() throws Exception {
            HttpResponse<String> response = exchange(SandboxHttp.assertion(sandbox.serviceAccountFile(),
                    sandbox.url() + "/google/token", now(), now() + 3600,
                    "https://www.googleapis.com/auth/firebase.messaging", false));
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).get("error_description").asText()).contains("audience");
        }

        @Test
        void wrongGrantTypeIsUnsupported() throws Exception {
            HttpResponse<String> response = http.form("/google/token", Map.of("grant_type", "client_credentials"));
            assertThat(json(response).get("error").asText()).isEqualTo("unsupported_grant_type");
        }

        @Test
        void theKeyFileLooksLikeGooglesAndNamesTheSandboxTokenUri() throws Exception {
            JsonNode account = SandboxHttp.JSON.readTree(Files.readString(sandbox.serviceAccountFile()));
            assertThat(account.get("type").asText()).isEqualTo("service_account");
            assertThat(account.get("token_uri").asText()).isEqualTo(sandbox.url() + "/google/token");
            assertThat(account.get("private_key").asText()).startsWith("-----BEGIN PRIVATE KEY-----");
            assertThat(account.get("project_id").asText()).isEqualTo(ProviderSandbox.FCM_PROJECT_ID);
        }

        @Test
        void aSandboxStartedAgainOnTheSameDirectoryKeepsItsKeyAndNamesItsOwnPort() throws Exception {
            Path dir = Files.createDirectories(Path.of("sandbox-restart", java.util.UUID.randomUUID().toString()));
            ProviderSandbox first = new ProviderSandbox(0, dir);
            first.start();
            String keyId = SandboxHttp.JSON.readTree(first.serviceAccountFile().toFile()).get("private_key_id").asText();
            first.stop();
            ProviderSandbox again = new ProviderSandbox(0, dir);
            again.start();
            try {
                JsonNode account = SandboxHttp.JSON.readTree(again.serviceAccountFile().toFile());
                assertThat(account.get("private_key_id").asText()).isEqualTo(keyId);
                assertThat(account.get("token_uri").asText()).isEqualTo(again.url() + "/google/token");
                // the kept key still signs what the restarted sandbox accepts
                String assertion = SandboxHttp.assertion(again.serviceAccountFile(), audience(), now(),
                        now() + 3600, "https://www.googleapis.com/auth/firebase.messaging", false);
                HttpResponse<String> response = new SandboxHttp(again.url()).form("/google/token",
                        Map.of("grant_type", GoogleTokenSimulator.GRANT_TYPE, "assertion", assertion));
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(json(response).get("access_token").asText()).isNotEmpty();
            } finally {
                again.stop();
            }
        }
    }

    @Nested
    class Adm {

        Map<String, String> headers(String token) {
            Map<String, String> h = new HashMap<>();
            h.put("Authorization", "Bearer " + token);
            h.put("Content-Type", "application/json");
            h.put("Accept", "application/json");
            h.put("X-Amzn-Type-Version", "com.amazon.device.messaging.ADMMessage@1.0");
            h.put("X-Amzn-Accept-Type", "com.amazon.device.messaging.ADMSendResult@1.0");
            return h;
        }

        String token() throws Exception {
            return lwaToken(ProviderSandbox.ADM_CLIENT_ID, ProviderSandbox.ADM_CLIENT_SECRET, "messaging:push");
        }

        HttpResponse<String> send(String id, Map<String, String> headers, String body) throws Exception {
            return http.post("/adm/messaging/registrations/" + id + "/messages", headers, body);
        }

        String reason(HttpResponse<String> response) throws Exception {
            return json(response).path("reason").asText();
        }

        @Test
        void sendAnswersTheRegistrationIdWithRequestIdAndMd5() throws Exception {
            HttpResponse<String> response = send(ADM_ID, headers(token()),
                    "{\"data\":{\"key1\":\"value1\",\"key2\":\"value2\"},\"consolidationKey\":\"Some Key\",\"expiresAfter\":86400}");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("registrationID").asText()).isEqualTo(ADM_ID);
            assertThat(response.headers().firstValue("X-Amzn-RequestId")).isPresent();
            assertThat(response.headers().firstValue("X-Amzn-Data-md5")).contains("mysMS9RLodXKUzD3uiNpYw==");
            RecordedCall call = sandbox.calls("adm").get(0);
            assertThat(call.header("X-Amzn-Type-Version")).isEqualTo("com.amazon.device.messaging.ADMMessage@1.0");
            assertThat(call.address()).isEqualTo(ADM_ID);
        }

        @Test
        void md5FollowsTheDocumentedVectors() {
            assertThat(AdmSimulator.md5(SandboxHttp.JSON.createObjectNode())).isEqualTo("1B2M2Y8AsgTpgAmY7PhCfg==");
            assertThat(AdmSimulator.md5(SandboxHttp.JSON.createObjectNode().put("message", "your message")))
                    .isEqualTo("qzF+HgArKZjJrpfcTbiFxg==");
        }

        @Test
        void missingTypeHeadersAreInvalidType() throws Exception {
            Map<String, String> h = headers(token());
            h.remove("X-Amzn-Type-Version");
            HttpResponse<String> response = send(ADM_ID, h, "{\"data\":{}}");
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(reason(response)).isEqualTo("InvalidType");
        }

        @Test
        void missingOrExpiredTokenIsAccessTokenExpired() throws Exception {
            assertThat(reason(send(ADM_ID, headers("Atc|forged"), "{\"data\":{}}"))).isEqualTo("AccessTokenExpired");
            String token = token();
            sandbox.state().expireAllTokens();
            HttpResponse<String> response = send(ADM_ID, headers(token), "{\"data\":{}}");
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(reason(response)).isEqualTo("AccessTokenExpired");
        }

        @Test
        void tokenLifetimeCanBeScripted() throws Exception {
            sandbox.tokenLifetime("adm", Duration.ofSeconds(5));
            JsonNode body = json(http.form("/lwa/auth/o2/token", Map.of("grant_type", "client_credentials",
                    "scope", "messaging:push", "client_id", ProviderSandbox.ADM_CLIENT_ID,
                    "client_secret", ProviderSandbox.ADM_CLIENT_SECRET)));
            assertThat(body.get("expires_in").asInt()).isBetween(4, 5);
        }

        @Test
        void payloadOver6KbIsMessageTooLarge413() throws Exception {
            HttpResponse<String> response = send(ADM_ID, headers(token()), "{\"data\":{\"k\":\"" + "x".repeat(7000) + "\"}}");
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(reason(response)).isEqualTo("MessageTooLarge");
        }

        @Test
        void nonStringDataIsInvalidData() throws Exception {
            HttpResponse<String> response = send(ADM_ID, headers(token()), "{\"data\":{\"n\":12}}");
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(reason(response)).isEqualTo("InvalidData");
        }

        @Test
        void wrongMd5IsInvalidChecksum() throws Exception {
            assertThat(reason(send(ADM_ID, headers(token()), "{\"data\":{\"a\":\"b\"},\"md5\":\"AAAA\"}")))
                    .isEqualTo("InvalidChecksum");
        }

        @Test
        void expiresAfterOutOfBoundsIsInvalidExpiration() throws Exception {
            assertThat(reason(send(ADM_ID, headers(token()), "{\"data\":{},\"expiresAfter\":10}"))).isEqualTo("InvalidExpiration");
            assertThat(reason(send(ADM_ID, headers(token()), "{\"data\":{},\"expiresAfter\":99999999}"))).isEqualTo("InvalidExpiration");
        }

        @Test
        void badConsolidationKeyIsInvalidConsolidationKey() throws Exception {
            assertThat(reason(send(ADM_ID, headers(token()), "{\"data\":{},\"consolidationKey\":\"" + "k".repeat(65) + "\"}")))
                    .isEqualTo("InvalidConsolidationKey");
        }

        @Test
        void malformedRegistrationIdIsInvalidRegistrationId() throws Exception {
            assertThat(reason(send("not-an-adm-id", headers(token()), "{\"data\":{}}"))).isEqualTo("InvalidRegistrationId");
        }

        @Test
        void unregisteredAddressIsUnregistered() throws Exception {
            sandbox.state().unregister("adm", ADM_ID);
            HttpResponse<String> response = send(ADM_ID, headers(token()), "{\"data\":{}}");
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(reason(response)).isEqualTo("Unregistered");
        }

        @Test
        void rotatedRegistrationIdComesBackInTheAnswer() throws Exception {
            String newId = ADM_ID + "NEW";
            sandbox.state().rotate(ADM_ID, newId);
            assertThat(json(send(ADM_ID, headers(token()), "{\"data\":{}}")).get("registrationID").asText()).isEqualTo(newId);
        }

        @Test
        void scriptedThrottleCarriesRetryAfterInSecondsOrAsHttpDate() throws Exception {
            String date = Fault.httpDate(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30));
            sandbox.fault(Fault.status("adm", 429, 1).withRetryAfter("2"));
            sandbox.fault(Fault.status("adm", 503, 1).withRetryAfter(date));
            String token = token();
            HttpResponse<String> first = send(ADM_ID, headers(token), "{\"data\":{}}");
            assertThat(first.statusCode()).isEqualTo(429);
            assertThat(reason(first)).isEqualTo("MaxRateExceeded");
            assertThat(first.headers().firstValue("Retry-After")).contains("2");
            HttpResponse<String> second = send(ADM_ID, headers(token), "{\"data\":{}}");
            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(second.headers().firstValue("Retry-After")).contains(date);
            assertThat(send(ADM_ID, headers(token), "{\"data\":{}}").statusCode()).isEqualTo(200);
        }

        @Test
        void faultsCanTargetOneAddressAndSlowAnswersAreSlow() throws Exception {
            String other = ADM_ID + "OTHER";
            sandbox.fault(Fault.status("adm", 500, -1).forAddress(other));
            sandbox.fault(Fault.slow("adm", 300, 1).forAddress(ADM_ID));
            String token = token();
            long start = System.nanoTime();
            assertThat(send(ADM_ID, headers(token), "{\"data\":{}}").statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(send(other, headers(token), "{\"data\":{}}").statusCode()).isEqualTo(500);
            assertThat(send(other, headers(token), "{\"data\":{}}").statusCode()).isEqualTo(500);
        }
    }

    @Nested
    class Fcm {

        HttpResponse<String> send(String token, String body) throws Exception {
            return http.post("/fcm/v1/projects/" + ProviderSandbox.FCM_PROJECT_ID + "/messages:send",
                    Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"), body);
        }

        JsonNode error(HttpResponse<String> response) throws Exception {
            return json(response).get("error");
        }

        @Test
        void sendAnswersTheMessageName() throws Exception {
            HttpResponse<String> response = send(googleToken(), "{\"message\":{\"token\":\"" + FCM_TOKEN
                    + "\",\"notification\":{\"title\":\"Hi\",\"body\":\"There\"},\"data\":{\"k\":\"v\"},"
                    + "\"android\":{\"collapse_key\":\"c\",\"priority\":\"HIGH\",\"ttl\":\"3600s\",\"restricted_package_name\":\"com.example\"}}}");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("name").asText()).startsWith("projects/pushrelay-sandbox/messages/");
        }

        @Test
        void fcmsOwnPathWorksTooAndEveryAcceptedSendIsCounted() throws Exception {
            long before = sandbox.state().deliveredNotifications();
            HttpResponse<String> response = http.post("/v1/projects/" + ProviderSandbox.FCM_PROJECT_ID + "/messages:send",
                    Map.of("Authorization", "Bearer " + googleToken(), "Content-Type", "application/json"),
                    "{\"message\":{\"token\":\"" + FCM_TOKEN + "\"}}");
            assertThat(response.statusCode()).isEqualTo(200);
            send("not-a-token", "{\"message\":{\"token\":\"" + FCM_TOKEN + "\"}}");
            assertThat(sandbox.state().deliveredNotifications()).isEqualTo(before + 1);
        }

        @Test
        void camelCaseNamesAreAcceptedToo() throws Exception {
            HttpResponse<String> response = send(googleToken(), "{\"validateOnly\":true,\"message\":{\"token\":\"" + FCM_TOKEN
                    + "\",\"android\":{\"collapseKey\":\"c\",\"restrictedPackageName\":\"com.example\"}}}");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("name").asText()).isEqualTo("projects/pushrelay-sandbox/messages/fake_message_id");
        }

        @Test
        void unknownFieldIsRejectedWithAFieldViolation() throws Exception {
            HttpResponse<String> response = send(googleToken(), "{\"message\":{\"token\":\"" + FCM_TOKEN + "\",\"titel\":\"x\"}}");
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(error(response).get("status").asText()).isEqualTo("INVALID_ARGUMENT");
            assertThat(error(response).get("message").asText()).contains("Unknown name \"titel\"");
            assertThat(error(response).at("/details/0/@type").asText()).isEqualTo(FcmSimulator.BAD_REQUEST);
        }

        @Test
        void nonStringDataValueIsRejectedAsGoogleWordsIt() throws Exception {
            HttpResponse<String> response = send(googleToken(), "{\"message\":{\"token\":\"" + FCM_TOKEN + "\",\"data\":{\"n\":12}}}");
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(error(response).get("message").asText()).isEqualTo("Invalid value at 'message.data[0].value' (TYPE_STRING), 12");
            assertThat(error(response).at("/details/0/fieldViolations/0/field").asText()).isEqualTo("message.data[0].value");
        }

        @Test
        void exactlyOneTargetIsRequired() throws Exception {
            assertThat(error(send(googleToken(), "{\"message\":{\"data\":{}}}")).get("message").asText())
                    .isEqualTo("Recipient of the message is not set.");
            assertThat(send(googleToken(), "{\"message\":{\"token\":\"" + FCM_TOKEN + "\",\"topic\":\"news\"}}").statusCode())
                    .isEqualTo(400);
        }

        @Test
        void ttlMustBeADurationOfAtMostFourWeeks() throws Exception {
            assertThat(send(googleToken(), "{\"message\":{\"token\":\"" + FCM_TOKEN + "\",\"android\":{\"ttl\":\"3600\"}}}")
                    .statusCode()).isEqualTo(400);
            HttpResponse<String> tooLong = send(googleToken(), "{\"message\":{\"token\":\"" + FCM_TOKEN
                    + "\",\"android\":{\"ttl\":\"2419201s\"}}}");
            assertThat(error(tooLong).at("/details/0/errorCode").asText()).isEqualTo("INVALID_ARGUMENT");
        }

        @Test
        void priorityIsAnEnumOfNormalAndHigh() throws Exception {
            assertThat(send(googleToken(), "{\"message\":{\"token\":\"" + FCM_TOKEN + "\",\"android\":{\"priority\":\"high\"}}}")
                    .statusCode()).isEqualTo(400);
        }

        @Test
        void payloadOver4096BytesIsInvalidArgument() throws Exception {
            HttpResponse<String> response = send(googleToken(), "{\"message\":{\"token\":\"" + FCM_TOKEN
                    + "\",\"data\":{\"k\":\"" + "x".repeat(4100) + "\"}}}");
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(error(response).get("message").asText()).isEqualTo("Message is too big");
        }

        @Test
        void notificationTextCountsAndATopicMayCarryHalfAsMuch() throws Exception {
            String title = "\"notification\":{\"title\":\"" + "é".repeat(2050) + "\"}";
            assertThat(error(send(googleToken(), "{\"message\":{\"token\":\"" + FCM_TOKEN + "\"," + title + "}}"))
                    .get("message").asText()).isEqualTo("Message is too big");
            String data = "\"data\":{\"k\":\"" + "x".repeat(2100) + "\"}";
            assertThat(send(googleToken(), "{\"message\":{\"token\":\"" + FCM_TOKEN + "\"," + data + "}}").statusCode())
                    .isEqualTo(200);
            assertThat(error(send(googleToken(), "{\"message\":{\"topic\":\"news\"," + data + "}}")).get("message").asText())
                    .isEqualTo("Message is too big");
        }

        @Test
        void reservedDataKeysAreRejected() throws Exception {
            assertThat(send(googleToken(), "{\"message\":{\"token\":\"" + FCM_TOKEN + "\",\"data\":{\"from\":\"x\"}}}")
                    .statusCode()).isEqualTo(400);
        }

        @Test
        void malformedTokenIsInvalidArgumentAndGoneTokenIsUnregistered404() throws Exception {
            HttpResponse<String> bad = send(googleToken(), "{\"message\":{\"token\":\"short\"}}");
            assertThat(error(bad).at("/details/0/errorCode").asText()).isEqualTo("INVALID_ARGUMENT");
            assertThat(error(bad).at("/details/0/@type").asText()).isEqualTo(FcmSimulator.FCM_ERROR);
            sandbox.state().unregister("fcm", FCM_TOKEN);
            HttpResponse<String> gone = send(googleToken(), "{\"message\":{\"token\":\"" + FCM_TOKEN + "\"}}");
            assertThat(gone.statusCode()).isEqualTo(404);
            assertThat(error(gone).get("status").asText()).isEqualTo("NOT_FOUND");
            assertThat(error(gone).at("/details/0/errorCode").asText()).isEqualTo("UNREGISTERED");
        }

        @Test
        void missingOrExpiredTokenIsUnauthenticatedWithoutFcmError() throws Exception {
            HttpResponse<String> response = send("ya29.forged", "{\"message\":{\"token\":\"" + FCM_TOKEN + "\"}}");
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(error(response).get("status").asText()).isEqualTo("UNAUTHENTICATED");
            assertThat(error(response).has("details")).isFalse();
        }

        @Test
        void scriptedErrorsCarryFcmErrorCodesAndHtmlPagesAreHtml() throws Exception {
            sandbox.fault(Fault.status("fcm", 429, 1).withRetryAfter("60"));
            sandbox.fault(Fault.status("fcm", 403, 1).withReason("SENDER_ID_MISMATCH"));
            sandbox.fault(Fault.status("fcm", 502, 1).asHtml());
            String token = googleToken();
            String body = "{\"message\":{\"token\":\"" + FCM_TOKEN + "\"}}";
            HttpResponse<String> quota = send(token, body);
            assertThat(quota.statusCode()).isEqualTo(429);
            assertThat(error(quota).at("/details/0/errorCode").asText()).isEqualTo("QUOTA_EXCEEDED");
            assertThat(error(quota).get("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
            assertThat(quota.headers().firstValue("Retry-After")).contains("60");
            assertThat(error(send(token, body)).at("/details/0/errorCode").asText()).isEqualTo("SENDER_ID_MISMATCH");
            HttpResponse<String> html = send(token, body);
            assertThat(html.statusCode()).isEqualTo(502);
            assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        }
    }

    @Nested
    class Alexa {

        HttpResponse<String> send(String token, String body) throws Exception {
            return http.post("/alexa/v3/notifications", Map.of("Authorization", "Bearer " + token,
                    "Content-Type", "application/json", "Accept", "application/json"), body);
        }

        String token() throws Exception {
            return json(http.form("/lwa/auth/o2/token", Map.of("grant_type", "refresh_token",
                    "refresh_token", ProviderSandbox.ALEXA_REFRESH_TOKEN, "client_id", ProviderSandbox.ALEXA_CLIENT_ID,
                    "client_secret", ProviderSandbox.ALEXA_CLIENT_SECRET))).get("access_token").asText();
        }

        String notification(String recipients, String type) {
            return "{\"recipients\":[" + recipients + "],\"notification\":{\"variants\":[{\"type\":\"" + type
                    + "\",\"content\":{\"variants\":[{\"type\":\"SpokenText\",\"values\":[{\"locale\":\"en-US\","
                    + "\"text\":\"Happy hour is starting now in the pool area!\"}]}]}}]}}";
        }

        String unit(String id) {
            return "{\"type\":\"Unit\",\"id\":\"" + id + "\"}";
        }

        @Test
        void validNotificationIsAccepted202() throws Exception {
            HttpResponse<String> response = send(token(), notification(unit(UNIT), "DeviceNotification"));
            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(response.headers().firstValue("X-Amzn-RequestId")).isPresent();
        }

        @Test
        void moreThan100RecipientsIsABadRequest() throws Exception {
            StringBuilder units = new StringBuilder();
            for (int i = 0; i < 101; i++) {
                units.append(i == 0 ? "" : ",").append(unit(UNIT + i));
            }
            assertThat(send(token(), notification(units.toString(), "Announcement")).statusCode()).isEqualTo(400);
        }

        @Test
        void oneVariantTypePerRequest() throws Exception {
            String mixed = "{\"recipients\":[" + unit(UNIT) + "],\"notification\":{\"variants\":["
                    + "{\"type\":\"DeviceNotification\",\"content\":{\"variants\":[{\"type\":\"SpokenText\",\"values\":[{\"locale\":\"en-US\",\"text\":\"a\"}]}]}},"
                    + "{\"type\":\"Announcement\",\"content\":{\"variants\":[{\"type\":\"SpokenText\",\"values\":[{\"locale\":\"en-US\",\"text\":\"b\"}]}]}}]}}";
            assertThat(send(token(), mixed).statusCode()).isEqualTo(400);
        }

        @Test
        void spokenTextNeedsLocaleAndText() throws Exception {
            String body = notification(unit(UNIT), "DeviceNotification").replace("\"en-US\"", "\"english\"");
            assertThat(send(token(), body).statusCode()).isEqualTo(400);
        }

        @Test
        void badTokenIs401AndScriptedStatusesComeBack() throws Exception {
            assertThat(send("Atc|forged", notification(unit(UNIT), "DeviceNotification")).statusCode()).isEqualTo(401);
            for (int status : new int[] {403, 429, 500, 503}) {
                sandbox.fault(Fault.status("alexa", status, 1));
                assertThat(send(token(), notification(unit(UNIT), "DeviceNotification")).statusCode()).isEqualTo(status);
            }
        }
    }

    @Test
    void controlApiScriptsFaultsAndListsCalls() throws Exception {
        HttpResponse<String> scripted = http.post("/_sandbox/faults", Map.of("Content-Type", "application/json"),
                "{\"provider\":\"lwa\",\"status\":503,\"times\":1,\"retryAfter\":\"1\"}");
        assertThat(scripted.statusCode()).isEqualTo(204);
        HttpResponse<String> down = http.form("/lwa/auth/o2/token", Map.of("grant_type", "client_credentials",
                "scope", "messaging:push", "client_id", ProviderSandbox.ADM_CLIENT_ID,
                "client_secret", ProviderSandbox.ADM_CLIENT_SECRET));
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(json(down).get("error").asText()).isEqualTo("server_error");
        JsonNode calls = SandboxHttp.JSON.readTree(java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(sandbox.url() + "/_sandbox/calls?provider=lwa")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).get("status").asInt()).isEqualTo(503);
    }
}
