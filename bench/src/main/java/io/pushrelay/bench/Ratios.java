package io.pushrelay.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The figures the targets are stated in, per provider latency: the gateway's rate over the limit's, its FCM share's
 * rate over the direct SDK's, and its p99 latency at half its own rate. A ratio is 0 when a scenario did not run.
 */
public record Ratios(
        @JsonProperty("providerLatencyMs") int providerLatencyMs,
        @JsonProperty("gatewayToLimit") double gatewayToLimit,
        @JsonProperty("gatewayToSdk") double gatewayToSdk,
        @JsonProperty("pacedP99Ms") double pacedP99Ms) {

    static List<Ratios> of(List<Figures> figures) {
        List<Ratios> ratios = new ArrayList<>();
        figures.stream().map(Figures::providerLatencyMs).distinct().forEach(latency -> {
            Optional<Figures> gateway = find(figures, Benchmark.GATEWAY, latency);
            if (gateway.isEmpty()) {
                return;
            }
            double limit = find(figures, Benchmark.LIMIT, latency).map(Figures::perSecond).orElse(0.0);
            double sdk = find(figures, Benchmark.SDK, latency).map(Figures::perSecond).orElse(0.0);
            ratios.add(new Ratios(latency, limit == 0 ? 0 : gateway.get().perSecond() / limit,
                    sdk == 0 ? 0 : gateway.get().fcmPerSecond() / sdk,
                    find(figures, Benchmark.PACED, latency).map(f -> f.latencyMs().p99()).orElse(0.0)));
        });
        return ratios;
    }

    static Optional<Figures> find(List<Figures> figures, String scenario, int latency) {
        return figures.stream().filter(f -> f.scenario().equals(scenario) && f.providerLatencyMs() == latency).findFirst();
    }
}
