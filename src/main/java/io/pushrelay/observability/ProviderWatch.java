package io.pushrelay.observability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.pushrelay.auth.TokenListener;
import io.pushrelay.message.Target;
import io.pushrelay.provider.Classification;
import io.pushrelay.provider.DeliveryListener;
import io.pushrelay.provider.ProviderCall;

/**
 * One provider as its delivery and token refresher tell it: whether it is failing (from {@value #FAILING_AFTER}
 * failed calls in a row until a call is answered), its circuit, its token, its last error and its throughput. Each
 * change of state is one WARN line ({@link Warnings}); every call and refresh is counted in {@link GatewayMetrics}.
 */
final class ProviderWatch implements DeliveryListener, TokenListener {

    /** Failed calls in a row (5xx, 429, timeouts: what the circuit counts) that make a provider "failing". */
    static final int FAILING_AFTER = 3;

    private final String name;
    private final boolean enabled;
    private final Warnings warnings;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final Throughput throughput = new Throughput();

    private int failuresInARow;
    private Instant failingSince;
    private GatewayStatus.Problem lastError;
    private Instant circuitOpenSince;
    private Instant tokenFailingSince;
    private String tokenError;

    ProviderWatch(String name, boolean enabled, Warnings warnings, GatewayMetrics metrics, Clock clock) {
        this.name = name;
        this.enabled = enabled;
        this.warnings = warnings;
        this.metrics = metrics;
        this.clock = clock;
    }

    String name() {
        return name;
    }

    @Override
    public void called(String provider, ProviderCall call, Classification outcome, Duration took) {
        metrics.providerCall(call.targets().get(0).channel(), took);
        if (outcome.successful() || !outcome.status().retryable()) {
            answered(outcome);
        } else if (!"TokenUnavailable".equals(outcome.reason())) {
            failed(outcome);
        }
    }

    private synchronized void answered(Classification outcome) {
        if (!outcome.successful()) {
            lastError = problem(outcome);
        }
        if (failingSince != null) {
            warnings.warn(name, "Provider {} answers again: it had failed since {} ({} calls in a row)", name, failingSince,
                    failuresInARow);
            failingSince = null;
        }
        failuresInARow = 0;
    }

    private synchronized void failed(Classification outcome) {
        lastError = problem(outcome);
        failuresInARow++;
        if (failuresInARow == FAILING_AFTER) {
            failingSince = clock.instant();
            warnings.warn(name, "Provider {} is failing: {} calls in a row failed, the last with {}; their targets are "
                    + "retried later", name, failuresInARow, lastError.text());
        }
    }

    private GatewayStatus.Problem problem(Classification c) {
        return new GatewayStatus.Problem(clock.instant(), c.statusCode() + " " + c.reason()
                + (c.message() == null || c.message().isEmpty() ? "" : ": " + c.message()));
    }

    @Override
    public synchronized void circuitOpened(String provider, Instant until) {
        circuitOpenSince = clock.instant();
        metrics.circuit(name, true);
        warnings.warn(name, "Circuit of provider {} opened after failed calls in a row: its work waits on the broker "
                + "until {}, then one batch probes it", name, until);
    }

    @Override
    public synchronized void circuitClosed(String provider) {
        warnings.warn(name, "Circuit of provider {} closed: it answers again (open since {})", name, circuitOpenSince);
        circuitOpenSince = null;
        metrics.circuit(name, false);
    }

    @Override
    public void retryScheduled(String provider, Retry why, List<Target> targets) {
        targets.forEach(t -> metrics.retryScheduled(t.channel(), why));
    }

    @Override
    public synchronized void refreshed(String credential) {
        metrics.tokenRefresh(name, true);
        if (tokenFailingSince != null) {
            warnings.warn(name, "Access token of provider {} refreshed again: it could not be since {}", name,
                    tokenFailingSince);
            tokenFailingSince = null;
            tokenError = null;
        }
    }

    @Override
    public synchronized void refreshFailed(String credential, String why) {
        metrics.tokenRefresh(name, false);
        tokenError = why;
        lastError = new GatewayStatus.Problem(clock.instant(), "TokenUnavailable: " + why);
        if (tokenFailingSince == null) {
            tokenFailingSince = clock.instant();
            warnings.warn(name, "Access token of provider {} cannot be refreshed: {}; its calls fail as TokenUnavailable "
                    + "and are retried until it can", name, why);
        }
    }

    /** A final outcome of one of this provider's targets, for its throughput. */
    void counted(String status, Instant at) {
        throughput.count(status, at);
    }

    synchronized boolean tokenFailing() {
        return tokenFailingSince != null;
    }

    synchronized GatewayStatus.ProviderStatus status(boolean circuitOpen, Instant now) {
        return new GatewayStatus.ProviderStatus(name, enabled, circuitOpen, circuitOpen ? circuitOpenSince : null,
                tokenFailingSince == null, tokenFailingSince, tokenError, failingSince != null, failingSince, lastError,
                throughput.rates(now));
    }
}
