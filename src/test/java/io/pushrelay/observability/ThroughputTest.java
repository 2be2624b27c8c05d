package io.pushrelay.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Outcomes in buckets of 10 s over the last 5 minutes: counted where they fall, the empty ones there too. */
class ThroughputTest {

    private final Instant t0 = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void outcomesFallInTheirBucketAndOldBucketsAreForgotten() {
        Throughput throughput = new Throughput();
        throughput.count("SUCCESSFUL", t0);
        throughput.count("SUCCESSFUL", t0.plusSeconds(9));
        throughput.count("PERMANENT_FAILURE", t0.plusSeconds(9));
        throughput.count("SUCCESSFUL", t0.plusSeconds(10));
        List<GatewayStatus.Rate> rates = throughput.rates(t0.plusSeconds(15));
        assertThat(rates).hasSize(GatewayStatus.BUCKETS);
        assertThat(rates.get(rates.size() - 1)).isEqualTo(new GatewayStatus.Rate(t0.plusSeconds(10), Map.of("SUCCESSFUL", 1L)));
        GatewayStatus.Rate first = rates.get(rates.size() - 2);
        assertThat(first.byStatus()).isEqualTo(Map.of("SUCCESSFUL", 2L, "PERMANENT_FAILURE", 1L));
        assertThat(first.perSecond()).isEqualTo(0.3);
        assertThat(rates.get(0).from()).isEqualTo(t0.minusSeconds(280));
        assertThat(rates.get(0).total()).isZero();

        // five minutes on, the slot of t0 serves a new bucket; an outcome of t0 arriving late no longer counts
        Instant later = t0.plus(Duration.ofMinutes(5));
        throughput.count("SUCCESSFUL", later);
        throughput.count("SUCCESSFUL", t0);
        List<GatewayStatus.Rate> now = throughput.rates(later);
        assertThat(now.get(now.size() - 1).byStatus()).isEqualTo(Map.of("SUCCESSFUL", 1L));
        // the window now starts at t0 + 10 s: its outcome and the new one
        assertThat(now.get(0)).isEqualTo(new GatewayStatus.Rate(t0.plusSeconds(10), Map.of("SUCCESSFUL", 1L)));
        assertThat(now.stream().mapToLong(GatewayStatus.Rate::total).sum()).isEqualTo(2);
    }
}
