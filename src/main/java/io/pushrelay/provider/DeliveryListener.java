package io.pushrelay.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.pushrelay.message.Target;

/**
 * What a provider's delivery tells whoever watches it (the gateway's logs, health and metrics): each call's answer,
 * its circuit opening and closing, the targets it puts back on its queue. Called on delivery threads, so it must be
 * quick and never throw; every method does nothing unless overridden.
 */
public interface DeliveryListener {

    DeliveryListener NONE = new DeliveryListener() {
    };

    /** Why targets were put back on the provider's work queue, to be tried again later. */
    enum Retry {
        /** the provider failed for them in a way worth another attempt (5xx, 429, a timeout, no token) */
        PROVIDER_FAILURE,
        /** the provider's circuit is open: they were not attempted */
        CIRCUIT_OPEN,
        /** over the provider's rate limit: they were not attempted */
        RATE_LIMIT
    }

    /** A call to {@code provider} was answered (or failed without an answer) as {@code outcome}, {@code took} after it left. */
    default void called(String provider, ProviderCall call, Classification outcome, Duration took) {
    }

    /** {@code provider}'s circuit opened after failed calls in a row: calls wait until {@code until}. */
    default void circuitOpened(String provider, Instant until) {
    }

    /** {@code provider}'s circuit closed: a call was answered again. */
    default void circuitClosed(String provider) {
    }

    /** {@code targets} go back on {@code provider}'s work queue, due later. */
    default void retryScheduled(String provider, Retry why, List<Target> targets) {
    }
}
