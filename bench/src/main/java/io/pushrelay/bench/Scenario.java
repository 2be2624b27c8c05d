package io.pushrelay.bench;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the benchmark runs at each provider latency, in the order it runs them: the JSON's key and the table's label. */
public enum Scenario {
    LIMIT("limit", "limit (bare HttpClient 5)"),
    SDK_AT_DEFAULTS("sdkAtDefaults", "firebase-admin at its defaults, FCM"),
    SDK_AT_GATEWAY_CONCURRENCY("sdkAtGatewayConcurrency", "firebase-admin, gateway's threads, FCM"),
    GATEWAY("gateway", "gateway, large requests"),
    SMALL_REQUESTS("smallRequests", "gateway, small requests"),
    SMALL_AT_HALF_RATE("smallRequestsAtHalfRate", "gateway, small, at half rate");

    private final String key;
    private final String label;

    Scenario(String key, String label) {
        this.key = key;
        this.label = label;
    }

    @JsonValue
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }
}
