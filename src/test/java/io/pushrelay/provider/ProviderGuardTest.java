package io.pushrelay.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class ProviderGuardTest {

    final Instant t0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void theCircuitOpensAfterTheThresholdAndProbesOnceItsTimeIsUp() {
        ProviderGuard guard = new ProviderGuard(0, 3, Duration.ofSeconds(10), Duration.ofSeconds(60));
        guard.failed(t0);
        guard.failed(t0);
        assertThat(guard.closedAt(t0)).isNull();
        guard.failed(t0);
        assertThat(guard.closedAt(t0.plusSeconds(5))).isEqualTo(t0.plusSeconds(10));
        assertThat(guard.closedAt(t0.plusSeconds(10))).as("the probe").isNull();
        assertThat(guard.closedAt(t0.plusSeconds(10))).as("only one probe at a time").isNotNull();
        guard.failed(t0.plusSeconds(11));
        assertThat(guard.closedAt(t0.plusSeconds(20))).as("reopened for twice as long").isEqualTo(t0.plusSeconds(31));
        assertThat(guard.closedAt(t0.plusSeconds(31))).isNull();
        guard.answered();
        assertThat(guard.open()).isFalse();
        assertThat(guard.closedAt(t0.plusSeconds(32))).isNull();
    }

    @Test
    void anAnswerResetsTheCountOfFailuresInARow() {
        ProviderGuard guard = new ProviderGuard(0, 2, Duration.ofSeconds(10), Duration.ofSeconds(60));
        guard.failed(t0);
        guard.answered();
        guard.failed(t0);
        assertThat(guard.open()).isFalse();
    }

    @Test
    void theRateLimitGrantsABucketPerSecond() {
        ProviderGuard guard = new ProviderGuard(10, 100, Duration.ofSeconds(10), Duration.ofSeconds(60));
        assertThat(guard.permits(25, t0)).isEqualTo(10);
        assertThat(guard.permits(5, t0)).isZero();
        assertThat(guard.permitsAt(5, t0)).isEqualTo(t0.plusMillis(500));
        assertThat(guard.permits(5, t0.plusMillis(500))).isEqualTo(5);
        assertThat(new ProviderGuard(0, 1, Duration.ofSeconds(1), Duration.ofSeconds(1)).permits(1000, t0)).isEqualTo(1000);
    }
}
