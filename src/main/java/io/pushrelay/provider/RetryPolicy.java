package io.pushrelay.provider;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a target waits before its next provider call: the initial delay doubled per attempt, with ±20 % jitter
 * so that a batch of failures does not come back as one burst, capped at {@code maxDelay}, and never shorter than
 * what the provider asked for ({@code Retry-After}, or a floor its guidance sets).
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

    public Duration delay(int attemptsSoFar, Duration providerAsked) {
        double exponential = initialDelay.toMillis() * Math.pow(2, Math.max(0, attemptsSoFar - 1));
        double jittered = exponential * ThreadLocalRandom.current().nextDouble(0.8, 1.2);
        Duration backoff = Duration.ofMillis((long) Math.min(jittered, maxDelay.toMillis()));
        return providerAsked != null && providerAsked.compareTo(backoff) > 0 ? providerAsked : backoff;
    }

    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}
