package io.pushrelay.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The figures issue 14's targets are stated in, at one provider latency: the gateway's rate with large requests over
 * the limit's, the rate of its FCM share over firebase-admin's at its own defaults, and how many small requests a
 * second it took (notifications a second over targets a request). A ratio is 0 when a scenario it needs did not run.
 */
public record Ratios(
        @JsonProperty("gatewayOverLimit") double gatewayOverLimit,
        @JsonProperty("gatewayFcmOverSdk") double gatewayFcmOverSdk,
        @JsonProperty("smallRequestsPerSecond") double smallRequestsPerSecond) {

    static Map<Integer, Ratios> byLatency(List<Figures> figures, int smallTargets) {
        Map<Integer, Ratios> ratios = new TreeMap<>();
        figures.stream().map(Figures::providerLatencyMs).distinct().forEach(latency -> ratios.put(latency, new Ratios(
                over(find(figures, Scenario.GATEWAY, latency).map(Figures::perSecond),
                        find(figures, Scenario.LIMIT, latency).map(Figures::perSecond)),
                over(find(figures, Scenario.GATEWAY, latency).map(Figures::fcmPerSecond),
                        find(figures, Scenario.SDK_AT_DEFAULTS, latency).map(Figures::perSecond)),
                find(figures, Scenario.SMALL_REQUESTS, latency).map(f -> f.perSecond() / smallTargets).orElse(0.0))));
        return ratios;
    }

    private static double over(Optional<Double> numerator, Optional<Double> denominator) {
        return numerator.isEmpty() || denominator.isEmpty() || denominator.get() == 0 ? 0 : numerator.get() / denominator.get();
    }

    static Optional<Figures> find(List<Figures> figures, Scenario scenario, int latency) {
        return figures.stream().filter(f -> f.scenario() == scenario && f.providerLatencyMs() == latency).findFirst();
    }
}
