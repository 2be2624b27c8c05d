package io.pushrelay.provider;

import java.time.Duration;
import java.time.Instant;

/**
 * Keeps the gateway from hammering one provider: a rate limit on its calls (a token bucket of {@code ratePerSecond}
 * with a one-second burst; 0 means none) and a circuit breaker that opens after {@code failureThreshold} failed calls
 * in a row (5xx, 429, timeouts), stays open for {@code openFor} (doubling while the provider keeps failing, at most
 * {@code maxOpenFor}), then lets one batch through to probe. While calls are not allowed, work waits on the broker.
 */
public final class ProviderGuard {

    private final double ratePerSecond;
    private final int failureThreshold;
    private final Duration openFor;
    private final Duration maxOpenFor;

    private double tokens;
    private Instant refilledAt;
    private int consecutiveFailures;
    private Duration currentOpenFor;
    private Instant openUntil;
    private boolean probing;

    public ProviderGuard(double ratePerSecond, int failureThreshold, Duration openFor, Duration maxOpenFor) {
        this.ratePerSecond = ratePerSecond;
        this.failureThreshold = failureThreshold;
        this.openFor = openFor;
        this.maxOpenFor = maxOpenFor;
        this.currentOpenFor = openFor;
        this.tokens = ratePerSecond;
    }

    /** Null when calls may be made now (the circuit is closed, or this batch is the probe), else when to come back. */
    public synchronized Instant closedAt(Instant now) {
        if (openUntil == null) {
            return null;
        }
        if (now.isBefore(openUntil) || probing) {
            return now.isBefore(openUntil) ? openUntil : now.plus(openFor);
        }
        probing = true;
        return null;
    }

    /** How many of {@code wanted} calls may be made now under the rate limit. */
    public synchronized int permits(int wanted, Instant now) {
        if (ratePerSecond <= 0) {
            return wanted;
        }
        refill(now);
        int granted = (int) Math.min(wanted, Math.floor(tokens));
        tokens -= granted;
        return granted;
    }

    /** When {@code calls} more calls will be within the rate limit. */
    public synchronized Instant permitsAt(int calls, Instant now) {
        refill(now);
        double missing = Math.max(0, calls - tokens);
        return now.plusMillis((long) Math.ceil(missing / ratePerSecond * 1000));
    }

    private void refill(Instant now) {
        if (refilledAt != null) {
            double seconds = Duration.between(refilledAt, now).toNanos() / 1e9;
            tokens = Math.min(ratePerSecond, tokens + seconds * ratePerSecond);
        }
        refilledAt = now;
    }

    /** The provider answered a call (success or a permanent, per-message error): it is working. True if that closed the circuit. */
    public synchronized boolean answered() {
        consecutiveFailures = 0;
        if (openUntil != null) {
            openUntil = null;
            probing = false;
            currentOpenFor = openFor;
            return true;
        }
        return false;
    }

    /**
     * A call failed in a way that says the provider is in trouble. The time until which calls wait if that opened
     * the circuit (not when a failed probe keeps it open), else null.
     */
    public synchronized Instant failed(Instant now) {
        consecutiveFailures++;
        if (probing || (openUntil == null && consecutiveFailures >= failureThreshold)) {
            boolean opened = openUntil == null;
            if (probing) {
                currentOpenFor = currentOpenFor.multipliedBy(2).compareTo(maxOpenFor) > 0 ? maxOpenFor : currentOpenFor.multipliedBy(2);
            }
            openUntil = now.plus(currentOpenFor);
            probing = false;
            return opened ? openUntil : null;
        }
        return null;
    }

    public synchronized boolean open() {
        return openUntil != null;
    }
}
