package io.pushrelay.deadletter;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer of a replay: how many dead letters matched, were replayed (or would be), and were skipped, and why. */
public record ReplayResult(
        @JsonProperty("Matched") int matched,
        @JsonProperty("Replayed") int replayed,
        @JsonProperty("Skipped") int skipped,
        @JsonProperty("SkippedBecause") Map<String, Integer> skippedBecause,
        @JsonProperty("DryRun") boolean dryRun) {
}
