package io.pushrelay.deadletter;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a replay stands, the message of the internal queue {@code push.replay-pages}: the command, how many matching
 * dead letters earlier pages left on the queue (skipped, so still ahead of the next ones), the counts so far, the
 * letters the page before took (recorded as replayed once its transaction committed), and whether that page was the
 * last. It travels with the command's reply destination and correlation id, so that the last page answers it.
 */
public record ReplayPage(
        @JsonProperty("Command") ReplayRequest command,
        @JsonProperty("Left") int left,
        @JsonProperty("Matched") int matched,
        @JsonProperty("Replayed") int replayed,
        @JsonProperty("SkippedBecause") Map<String, Integer> skippedBecause,
        @JsonProperty("ReplayedIds") List<String> replayedIds,
        @JsonProperty("Last") boolean last) {

    static ReplayPage first(ReplayRequest command) {
        return new ReplayPage(command, 0, 0, 0, Map.of(), List.of(), false);
    }

    ReplayResult result() {
        Map<String, Integer> skipped = new TreeMap<>(skippedBecause);
        return new ReplayResult(matched, replayed, skipped.values().stream().mapToInt(Integer::intValue).sum(), skipped,
                command.dryRun());
    }
}
