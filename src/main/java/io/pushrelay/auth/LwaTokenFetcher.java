package io.pushrelay.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.http.HttpAnswer;
import io.pushrelay.http.HttpTransport;
import io.pushrelay.message.Json;

/**
 * Login with Amazon: {@code client_credentials} (ADM, scope {@code messaging:push}; or Alexa) or
 * {@code refresh_token} (Alexa Smart Properties) against {@code /auth/o2/token}. It waits for the answer: token
 * refreshes run on a caller's thread (a delivery route's, or the refresher's), never on an HTTP I/O thread.
 */
public final class LwaTokenFetcher implements TokenFetcher {

    private final HttpTransport http;
    private final String tokenUrl;
    private final Map<String, String> form;
    private final Clock clock;

    private LwaTokenFetcher(HttpTransport http, String tokenUrl, Map<String, String> form, Clock clock) {
        this.http = http;
        this.tokenUrl = tokenUrl;
        this.form = form;
        this.clock = clock;
    }

    public static LwaTokenFetcher clientCredentials(HttpTransport http, String tokenUrl, String clientId,
            String clientSecret, String scope, Clock clock) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("scope", scope);
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        return new LwaTokenFetcher(http, tokenUrl, form, clock);
    }

    public static LwaTokenFetcher refreshToken(HttpTransport http, String tokenUrl, String clientId,
            String clientSecret, String refreshToken, String scope, Clock clock) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        if (scope != null && !scope.isBlank()) {
            form.put("scope", scope);
        }
        return new LwaTokenFetcher(http, tokenUrl, form, clock);
    }

    @Override
    public AccessToken fetch() throws TokenUnavailableException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpAnswer answer = http.post(tokenUrl, Map.of("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8",
                "Accept", "application/json"), body).join();
        if (answer.error() != null) {
            throw new TokenUnavailableException("LWA token endpoint unreachable: " + answer.error().getMessage(), answer.error());
        }
        JsonNode json = answer.isJson() ? Json.tree(answer.body()) : null;
        if (answer.status() != 200 || json == null || !json.hasNonNull("access_token")) {
            String why = json == null ? "no JSON body" : json.path("error").asText("") + ": " + json.path("error_description").asText("");
            throw new TokenUnavailableException("LWA token endpoint answered " + answer.status() + " " + why);
        }
        return new AccessToken(json.get("access_token").asText(),
                clock.instant().plusSeconds(json.path("expires_in").asLong(3600)));
    }
}
