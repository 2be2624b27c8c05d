package io.pushrelay.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What one scenario measured; {@code fcmPerSecond} is the rate at which the FCM share of it reached the sandbox. */
public record Figures(
        @JsonProperty("scenario") String scenario,
        @JsonProperty("providerLatencyMs") int providerLatencyMs,
        @JsonProperty("notifications") long notifications,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("perSecond") double perSecond,
        @JsonProperty("fcmPerSecond") double fcmPerSecond,
        @JsonProperty("latencyMs") Percentiles latencyMs,
        @JsonProperty("peakHeapMb") double peakHeapMb,
        @JsonProperty("peakRssMb") double peakRssMb,
        @JsonProperty("cpuSecondsPer1000") double cpuSecondsPer1000) {
}
