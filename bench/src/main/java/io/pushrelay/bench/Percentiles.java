package io.pushrelay.bench;

import java.util.Arrays;

/** p50/p95/p99 of a set of latencies in milliseconds. */
public record Percentiles(double p50, double p95, double p99) {

    static Percentiles of(double[] millis) {
        if (millis.length == 0) {
            return new Percentiles(0, 0, 0);
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new Percentiles(at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99));
    }

    private static double at(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
