package io.pushrelay.sandbox;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Login with Amazon's token endpoint ({@code POST /auth/o2/token}), for ADM ({@code client_credentials} with scope
 * {@code messaging:push}) and Alexa ({@code refresh_token}, or {@code client_credentials}). Tokens start {@code Atc|}
 * and live {@code expires_in} 3600 s unless scripted otherwise. Errors are OAuth2 {@code error}/{@code error_description}.
 */
final class LwaTokenSimulator extends Simulator {

    record Client(String id, String secret, String refreshToken, Set<String> scopes) {
    }

    private final Map<String, Client> clients;

    LwaTokenSimulator(SandboxState state, Map<String, Client> clients) {
        super("lwa", state);
        this.clients = clients;
    }

    @Override
    String addressOf(SimRequest request) {
        return request.form().get("client_id");
    }

    @Override
    Reply process(SimRequest request) {
        if (!request.contentTypeIs("application/x-www-form-urlencoded")) {
            return error(400, "invalid_request", "The request has an invalid parameter : Content-Type");
        }
        Map<String, String> form = request.form();
        String grant = form.getOrDefault("grant_type", "");
        if (!grant.equals("client_credentials") && !grant.equals("refresh_token")) {
            return error(400, "unsupported_grant_type",
                    "The authorization grant type is not supported by the authorization server");
        }
        Client client = clients.get(form.getOrDefault("client_id", ""));
        if (client == null || !client.secret().equals(form.get("client_secret"))) {
            return error(401, "invalid_client", "Client authentication failed");
        }
        Set<String> scopes;
        if (grant.equals("refresh_token")) {
            if (client.refreshToken() == null || !client.refreshToken().equals(form.get("refresh_token"))) {
                return error(400, "invalid_grant", "The request has an invalid grant parameter : refresh_token");
            }
            String scope = form.get("scope");
            if (scope != null && !client.scopes().containsAll(Set.of(scope.split(" ")))) {
                return error(400, "invalid_scope", "The request has an invalid parameter : scope");
            }
            scopes = client.scopes();
        } else {
            String scope = form.get("scope");
            if (scope == null || scope.isBlank() || !client.scopes().containsAll(Set.of(scope.split(" ")))) {
                return error(400, "invalid_scope", "The request has an invalid parameter : scope");
            }
            scopes = Set.of(scope.split(" "));
        }
        SandboxState.IssuedToken token = state.issue("Atc|", client.id(), scopes, Duration.ofHours(1));
        ObjectNode body = object();
        body.put("access_token", token.token());
        if (grant.equals("refresh_token")) {
            body.put("refresh_token", client.refreshToken());
        }
        body.put("scope", String.join(" ", scopes));
        body.put("token_type", "bearer");
        body.put("expires_in", Duration.between(state.now(), token.expiresAt()).toSeconds());
        return Reply.json(200, write(body)).header("X-Amzn-RequestId", java.util.UUID.randomUUID().toString());
    }

    @Override
    Reply error(int status, String reason, String message) {
        String code = reason != null ? reason : status >= 500 ? "server_error" : "invalid_request";
        ObjectNode body = object();
        body.put("error_description", message != null ? message : "The server encountered an error (" + status + ")");
        body.put("error", code);
        return Reply.json(status, write(body));
    }
}
