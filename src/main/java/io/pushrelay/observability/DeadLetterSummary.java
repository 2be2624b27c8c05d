package io.pushrelay.observability;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Dead letters summed up: one WARN line per interval in which some were published, with their count by channel and
 * Reason, never a line per dead letter.
 */
final class DeadLetterSummary {

    private final Warnings warnings;
    /** the interval as the setting says it (60s) */
    private final String interval;
    private final QueueDepths depths;
    private final String queue;
    private Map<String, Long> counts = new TreeMap<>();

    DeadLetterSummary(Warnings warnings, String interval, QueueDepths depths, String queue) {
        this.warnings = warnings;
        this.interval = interval;
        this.depths = depths;
        this.queue = queue;
    }

    synchronized void add(String channel, String reason) {
        counts.merge(channel + " " + reason, 1L, Long::sum);
    }

    /** The line for the interval that ends now, if it had dead letters; called once per interval. */
    void flush() {
        Map<String, Long> last;
        synchronized (this) {
            if (counts.isEmpty()) {
                return;
            }
            last = counts;
            counts = new TreeMap<>();
        }
        long total = last.values().stream().mapToLong(Long::longValue).sum();
        long held = depths.depth(queue);
        warnings.warn(null, "{} dead letter(s) in the last {}: {}; {} holds {}", total, interval,
                last.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")),
                queue, held < 0 ? "an unknown number" : held);
    }
}
