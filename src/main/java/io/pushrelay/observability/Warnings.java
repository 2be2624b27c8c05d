package io.pushrelay.observability;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.MessageFormatter;

/**
 * The operator's WARN lines: each state change of a provider and each dead-letter summary, logged once on the
 * {@code pushrelay} logger and kept (the latest {@value #KEPT}) for {@link GatewayStatus#recentWarnings()}.
 */
final class Warnings {

    static final int KEPT = 100;
    private static final Logger LOG = LoggerFactory.getLogger("pushrelay");

    private final Clock clock;
    private final Deque<GatewayStatus.Warning> recent = new ArrayDeque<>();

    Warnings(Clock clock) {
        this.clock = clock;
    }

    /** Logs and keeps one line ({@code provider}: the provider it is about, or null), formatted as SLF4J does. */
    void warn(String provider, String format, Object... arguments) {
        String text = MessageFormatter.arrayFormat(format, arguments).getMessage();
        LOG.warn(text);
        synchronized (recent) {
            if (recent.size() == KEPT) {
                recent.removeFirst();
            }
            recent.addLast(new GatewayStatus.Warning(clock.instant(), provider, text));
        }
    }

    List<GatewayStatus.Warning> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }
}
