package io.pushrelay.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What one scenario measured; {@code fcmPerSecond} is the rate at which the FCM share of it reached the sandbox. The
 * report files each under its provider latency and scenario, so those two stay out of its JSON.
 */
public record Figures(
        @JsonIgnore Scenario scenario,
        @JsonIgnore int providerLatencyMs,
        @JsonProperty("notifications") long notifications,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("perSecond") double perSecond,
        @JsonProperty("fcmPerSecond") double fcmPerSecond,
        @JsonProperty("latencyMs") Percentiles latencyMs,
        @JsonProperty("peakHeapMb") double peakHeapMb,
        @JsonProperty("peakRssMb") double peakRssMb,
        @JsonProperty("cpuSecondsPer1000") double cpuSecondsPer1000) {
}
