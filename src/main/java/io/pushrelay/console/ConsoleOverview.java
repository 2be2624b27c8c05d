package io.pushrelay.console;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.pushrelay.observability.GatewayStatus;

/** The overview page's figures, all from the gateway's status in memory: providers, queue depths, recent warnings. */
public final class ConsoleOverview {

    private final GatewayStatus status;
    private final Clock clock;

    public ConsoleOverview(GatewayStatus status, Clock clock) {
        this.status = status;
        this.clock = clock;
    }

    /** {@code {"At", "BucketSeconds", "Providers", "Queues", "Warnings"}}. */
    public Map<String, Object> read() {
        Map<String, Object> overview = new LinkedHashMap<>();
        overview.put("At", clock.instant());
        overview.put("BucketSeconds", GatewayStatus.BUCKET.toSeconds());
        overview.put("Providers", status.providers());
        overview.put("Queues", status.queueDepths());
        overview.put("Warnings", status.recentWarnings());
        return overview;
    }
}
