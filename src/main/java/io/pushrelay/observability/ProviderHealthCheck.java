package io.pushrelay.observability;

import java.util.Map;

import io.pushrelay.auth.TokenRefreshProcessor;
import io.pushrelay.auth.TokenUnavailableException;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * {@code provider-<name>}: DOWN while the provider's circuit is open or its access token cannot be refreshed. While
 * the token fails it asks for one (at most once per second: the refresher's back-off), so that the check comes back
 * UP when the token endpoint does, even with no traffic. Neither liveness nor readiness: a provider in trouble makes
 * the gateway neither dead nor unable to take requests, which wait on the broker.
 */
final class ProviderHealthCheck extends AbstractHealthCheck {

    private final GatewayStatus status;
    private final String provider;
    private final TokenRefreshProcessor tokens;

    ProviderHealthCheck(GatewayStatus status, String provider, TokenRefreshProcessor tokens) {
        super("pushrelay", "provider-" + provider);
        this.status = status;
        this.provider = provider;
        this.tokens = tokens;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    public boolean isReadiness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        GatewayStatus.ProviderStatus now = status.provider(provider).orElseThrow();
        if (now.enabled() && !now.tokenOk() && tokens != null) {
            try {
                tokens.current();
                now = status.provider(provider).orElseThrow();
            } catch (TokenUnavailableException e) {
                // still failing: said below
            }
        }
        builder.detail("provider", provider).detail("enabled", now.enabled()).detail("circuit", now.circuitOpen() ? "open" : "closed")
                .detail("token", now.tokenOk() ? "ok" : "failing").detail("failing", now.failing());
        if (now.lastError() != null) {
            builder.detail("last.error", now.lastError().text()).detail("last.error.at", now.lastError().at().toString());
        }
        if (now.up()) {
            builder.up();
        } else if (now.circuitOpen()) {
            builder.down().message("the circuit of " + provider + " is open since " + now.circuitOpenSince()
                    + ": its work waits on the broker");
        } else {
            builder.down().message("the access token of " + provider + " cannot be refreshed since " + now.tokenFailingSince()
                    + ": " + now.tokenError());
        }
    }
}
