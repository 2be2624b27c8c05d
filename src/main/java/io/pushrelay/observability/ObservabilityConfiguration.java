package io.pushrelay.observability;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.jms.ConnectionFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.pushrelay.auth.TokenRefreshProcessor;
import io.pushrelay.broker.BrokerConfiguration;
import io.pushrelay.broker.EmbeddedBroker;
import io.pushrelay.config.Settings;
import io.pushrelay.database.DatabaseConfiguration;
import io.pushrelay.plugin.ProviderPlugin;
import io.pushrelay.plugin.ProviderPlugins;
import io.pushrelay.provider.BatchDelivery;
import io.pushrelay.provider.ProviderGuard;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Watches the gateway: readiness checks of the broker and the database next to Camel's own checks of the routes and
 * consumers; a {@code provider-<name>} check, a {@link ProviderWatch} (WARN lines, metrics) listening to each
 * provider's delivery and token refresher; the {@value GatewayStatus#BEAN} and {@value GatewayMetrics#BEAN} beans;
 * and, on a thread of its own, the reading of queue depths and the dead-letter summary.
 */
public class ObservabilityConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = context.getRegistry().findSingleByType(Settings.class);
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        EmbeddedBroker broker = context.getRegistry().findSingleByType(EmbeddedBroker.class);
        ConnectionFactory factory = context.getRegistry().lookupByNameAndType(BrokerConfiguration.CONNECTION_FACTORY,
                ConnectionFactory.class);
        registry.register(new ResourceHealthCheck("broker", "Artemis at " + settings.get("pushrelay.broker.url"), () -> {
            if (broker != null && !broker.isActive()) {
                return false;
            }
            try (jakarta.jms.Connection connection = factory.createConnection()) {
                connection.start();
                return true;
            }
        }));
        DataSource dataSource = context.getRegistry().lookupByNameAndType(DatabaseConfiguration.DATA_SOURCE, DataSource.class);
        registry.register(new ResourceHealthCheck("database", settings.get("pushrelay.db.url"), () -> {
            try (Connection connection = dataSource.getConnection()) {
                return connection.isValid(2);
            }
        }));
        watch(context, settings, registry, factory);
    }

    private static void watch(CamelContext context, Settings settings, HealthCheckRegistry health, ConnectionFactory factory)
            throws Exception {
        Clock clock = Clock.systemUTC();
        MeterRegistry meters = MetricsConfiguration.registry(context);
        Warnings warnings = new Warnings(clock);
        QueueDepths queues = new QueueDepths(factory);
        DeadLetterSummary deadLetters = new DeadLetterSummary(warnings, settings.get(ObservabilitySettings.DEAD_LETTER_SUMMARY),
                queues, settings.get("pushrelay.queue.dead-letters"));
        Map<String, ProviderWatch> watches = new LinkedHashMap<>();
        GatewayMetrics metrics = new GatewayMetrics(meters, watches, deadLetters);
        Map<String, ProviderGuard> guards = new LinkedHashMap<>();
        GatewayStatus status = new GatewayStatus(watches, guards, queues, warnings, clock);
        for (ProviderPlugin plugin : ProviderPlugins.all()) {
            String name = plugin.name();
            ProviderWatch watch = new ProviderWatch(name, settings.bool("pushrelay." + name + ".enabled"), warnings, metrics, clock);
            watches.put(name, watch);
            metrics.circuitGauge(name);
            // the beans ProviderWiring binds for every provider
            ProviderGuard guard = context.getRegistry().lookupByNameAndType(name + "Guard", ProviderGuard.class);
            if (guard != null) {
                guards.put(name, guard);
            }
            BatchDelivery delivery = context.getRegistry().lookupByNameAndType(name + "Delivery", BatchDelivery.class);
            if (delivery != null) {
                delivery.listen(watch);
            }
            TokenRefreshProcessor tokens = context.getRegistry().lookupByNameAndType(name + "Tokens", TokenRefreshProcessor.class);
            if (tokens != null) {
                tokens.listen(watch);
            }
            health.register(new ProviderHealthCheck(status, name, tokens));
        }
        context.getRegistry().bind(GatewayStatus.BEAN, GatewayStatus.class, status);
        context.getRegistry().bind(GatewayMetrics.BEAN, GatewayMetrics.class, metrics);
        context.addService(new Sampler(context, queues, metrics, deadLetters,
                settings.duration(ObservabilitySettings.SAMPLE_INTERVAL), settings.duration(ObservabilitySettings.DEAD_LETTER_SUMMARY)),
                true, true);
    }

    /** Reads the queue depths every sample interval, and writes the dead-letter summary every summary interval. */
    private static final class Sampler extends ServiceSupport {

        private final CamelContext context;
        private final QueueDepths queues;
        private final GatewayMetrics metrics;
        private final DeadLetterSummary deadLetters;
        private final Duration sampleEvery;
        private final Duration summaryEvery;
        private final java.util.Set<String> gauged = new java.util.HashSet<>();
        private ScheduledExecutorService executor;

        Sampler(CamelContext context, QueueDepths queues, GatewayMetrics metrics, DeadLetterSummary deadLetters,
                Duration sampleEvery, Duration summaryEvery) {
            this.context = context;
            this.queues = queues;
            this.metrics = metrics;
            this.deadLetters = deadLetters;
            this.sampleEvery = sampleEvery;
            this.summaryEvery = summaryEvery;
        }

        @Override
        protected void doStart() {
            executor = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "pushrelay-observe");
            executor.scheduleWithFixedDelay(this::sample, 0, sampleEvery.toMillis(), TimeUnit.MILLISECONDS);
            executor.scheduleAtFixedRate(deadLetters::flush, summaryEvery.toMillis(), summaryEvery.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void sample() {
            queues.read();
            // a queue gets its gauge the first time it is seen (push.work.<provider> exist once a plug-in's route runs)
            queues.all().keySet().stream().filter(gauged::add).forEach(q -> metrics.queueDepth(q, queues));
        }

        @Override
        protected void doStop() {
            if (executor != null) {
                context.getExecutorServiceManager().shutdown(executor);
                executor = null;
            }
        }
    }
}
