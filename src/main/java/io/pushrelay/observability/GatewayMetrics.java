package io.pushrelay.observability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pushrelay.message.ChannelType;
import io.pushrelay.message.DeadLetter;
import io.pushrelay.message.EndpointResult;
import io.pushrelay.message.Report;
import io.pushrelay.provider.DeliveryListener;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The gateway's own series on {@code /observe/metrics} (docs/observability.md lists them): the ones counted here,
 * from what providers and token refreshers tell ({@link ProviderWatch}) and from every stage's report (the
 * {@code report} route calls {@link #reported} as bean {@value #BEAN}); the counters of intake, replies, replay and
 * the error policy, which count with the same registry themselves; and the queue depths read from the broker.
 */
public final class GatewayMetrics {

    public static final String BEAN = "gatewayMetrics";

    private final MeterRegistry registry;
    private final Map<String, ProviderWatch> watches;
    private final DeadLetterSummary deadLetters;
    private final Map<String, AtomicInteger> circuits = new ConcurrentHashMap<>();

    GatewayMetrics(MeterRegistry registry, Map<String, ProviderWatch> watches, DeadLetterSummary deadLetters) {
        this.registry = registry;
        this.watches = watches;
        this.deadLetters = deadLetters;
    }

    /**
     * Counts a stage's final results ({@code pushrelay_notifications_total}) and dead letters
     * ({@code pushrelay_dead_letters_total}) once its exchange completes: not while a transaction that rolls back
     * would have them counted twice.
     */
    public void reported(Report report, Exchange exchange) {
        if (report.results().isEmpty() && report.deadLetters().isEmpty()) {
            return;
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onComplete(Exchange done) {
                count(report.results(), report.deadLetters());
            }
        });
    }

    private void count(List<EndpointResult> results, List<DeadLetter> letters) {
        for (EndpointResult r : results) {
            String channel = r.channel() == null ? "NONE" : r.channel().name();
            Counter.builder("pushrelay.notifications").description("Final outcomes of targets, by channel and DeliveryStatus")
                    .tags("channel", channel, "status", r.deliveryStatus().name()).register(registry).increment();
            ProviderWatch watch = r.channel() == null ? null : watches.get(r.channel().provider());
            if (watch != null) {
                watch.counted(r.deliveryStatus().name(), r.timestamp());
            }
        }
        for (DeadLetter d : letters) {
            Counter.builder("pushrelay.dead.letters").description("Dead letters published, by channel and Reason")
                    .tags("channel", d.channel().name(), "reason", String.valueOf(d.reason())).register(registry).increment();
            deadLetters.add(d.channel().name(), String.valueOf(d.reason()));
        }
    }

    void providerCall(ChannelType channel, Duration took) {
        Timer.builder("pushrelay.provider.request").description("Provider calls from request to answer, by channel")
                .tag("channel", channel.name()).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry).record(took);
    }

    void retryScheduled(ChannelType channel, DeliveryListener.Retry why) {
        Counter.builder("pushrelay.retries.scheduled").description("Targets put back on their work queue, by channel and cause")
                .tags("channel", channel.name(), "cause", why.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .register(registry).increment();
    }

    void tokenRefresh(String provider, boolean ok) {
        Counter.builder("pushrelay.token.refreshes").description("Access-token refreshes, by provider and outcome")
                .tags("provider", provider, "outcome", ok ? "success" : "failure").register(registry).increment();
    }

    /** {@code pushrelay_circuit_open{channel,provider}}: 1 while the provider's circuit is open, for each of its channels. */
    void circuit(String provider, boolean open) {
        circuitGauge(provider).set(open ? 1 : 0);
    }

    AtomicInteger circuitGauge(String provider) {
        return circuits.computeIfAbsent(provider, p -> {
            AtomicInteger state = new AtomicInteger();
            ChannelType.served().stream().filter(c -> c.provider().equals(p)).forEach(c -> Gauge
                    .builder("pushrelay.circuit.open", state, AtomicInteger::get)
                    .description("1 while the provider's circuit is open").tags("channel", c.name(), "provider", p)
                    .register(registry));
            return state;
        });
    }

    /** {@code pushrelay_queue_depth{queue}}, read from {@code depths} as last sampled. */
    void queueDepth(String queue, QueueDepths depths) {
        Gauge.builder("pushrelay.queue.depth", depths, d -> d.depth(queue))
                .description("Messages on the queue (scheduled retries included), as last read from the broker")
                .tag("queue", queue).register(registry);
    }
}
