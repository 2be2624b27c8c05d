package io.pushrelay.observability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.pushrelay.provider.ProviderGuard;

/**
 * What the gateway is going through now, for the operators' pages (bound as {@value #BEAN}): per provider its
 * circuit, its token, whether it is failing, its last error and its throughput over the last minutes; the depth of
 * every {@code push.*} queue; and the recent WARN lines of state changes. Everything is read from memory: calling
 * it costs no broker or database round trip, so a page may poll it every second. The same states drive the
 * {@code provider-<name>} health checks and the {@code pushrelay_*} metrics (docs/observability.md).
 */
public final class GatewayStatus {

    public static final String BEAN = "gatewayStatus";
    /** The length of a throughput bucket. */
    public static final Duration BUCKET = Duration.ofSeconds(10);
    /** How many buckets {@link ProviderStatus#throughput()} holds: the last five minutes. */
    public static final int BUCKETS = 30;

    /**
     * One provider now.
     *
     * @param name              the plug-in's name ({@code adm}, {@code fcm}, {@code alexa}, …)
     * @param enabled           {@code pushrelay.<name>.enabled}: a provider switched off has no route and no calls
     * @param circuitOpen       its circuit is open: its work waits on the broker, no calls are made but a probe
     * @param circuitOpenSince  when the circuit opened (null while closed)
     * @param tokenOk           false while its access token cannot be refreshed (every call fails TokenUnavailable)
     * @param tokenFailingSince the first failed refresh since the last good one (null while the token is fine)
     * @param tokenError        what the token endpoint said last time it failed (null while the token is fine)
     * @param failing           {@value ProviderWatch#FAILING_AFTER} or more calls in a row failed (5xx, 429,
     *                          timeouts) and none was answered since
     * @param failingSince      when it started failing (null while it is not)
     * @param lastError         the last call that did not succeed (any failure, also a per-message one such as an
     *                          unregistered address) or failed refresh; null if none since start
     * @param throughput        final outcomes of its targets per {@link #BUCKET}, the last {@link #BUCKETS} buckets,
     *                          oldest first, the current (partial) bucket last
     */
    public record ProviderStatus(String name, boolean enabled, boolean circuitOpen, Instant circuitOpenSince,
            boolean tokenOk, Instant tokenFailingSince, String tokenError, boolean failing, Instant failingSince,
            Problem lastError, List<Rate> throughput) {

        /** Healthy: circuit closed and token refreshable (what the {@code provider-<name>} health check says). */
        public boolean up() {
            return !circuitOpen && tokenOk;
        }
    }

    /** A failure and when it happened: {@code text} is the status code, reason and message, e.g. {@code 503 ServiceUnavailable: …}. */
    public record Problem(Instant at, String text) {
    }

    /**
     * One bucket of throughput: from {@code from}, for {@link #BUCKET}, the final outcomes counted by DeliveryStatus
     * name ({@code SUCCESSFUL}, {@code PERMANENT_FAILURE}, …; statuses that did not occur are absent).
     */
    public record Rate(Instant from, Map<String, Long> byStatus) {

        public long total() {
            return byStatus.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Outcomes per second over the bucket (of a partial bucket, over its whole length). */
        public double perSecond() {
            return total() / (double) BUCKET.toSeconds();
        }
    }

    /** A WARN line as logged: when, the provider it is about (null for none, e.g. a dead-letter summary), its text. */
    public record Warning(Instant at, String provider, String text) {
    }

    private final Map<String, ProviderWatch> watches;
    private final Map<String, ProviderGuard> guards;
    private final QueueDepths queues;
    private final Warnings warnings;
    private final Clock clock;

    GatewayStatus(Map<String, ProviderWatch> watches, Map<String, ProviderGuard> guards, QueueDepths queues,
            Warnings warnings, Clock clock) {
        this.watches = watches;
        this.guards = guards;
        this.queues = queues;
        this.warnings = warnings;
        this.clock = clock;
    }

    /** Every provider plug-in, in the order the plug-ins are found, enabled or not. */
    public List<ProviderStatus> providers() {
        Instant now = clock.instant();
        return watches.values().stream().map(w -> status(w, now)).toList();
    }

    /** One provider by name, if there is such a plug-in. */
    public Optional<ProviderStatus> provider(String name) {
        ProviderWatch watch = watches.get(name);
        return watch == null ? Optional.empty() : Optional.of(status(watch, clock.instant()));
    }

    private ProviderStatus status(ProviderWatch watch, Instant now) {
        ProviderGuard guard = guards.get(watch.name());
        return watch.status(guard != null && guard.open(), now);
    }

    /**
     * Every {@code push.*} queue of the broker with its messages (scheduled retries and messages in delivery
     * included), by name, as last read from the broker (every {@code pushrelay.observe.sample-interval}); empty
     * until the first read.
     */
    public Map<String, Long> queueDepths() {
        return queues.all();
    }

    /** The latest WARN lines of state changes (at most {@value Warnings#KEPT}), oldest first. */
    public List<Warning> recentWarnings() {
        return warnings.recent();
    }
}
