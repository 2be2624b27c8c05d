package io.pushrelay.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;

/**
 * Binds the Prometheus registry first of all configurations, as {@code metricsRegistry}: camel-micrometer-prometheus
 * serves it on {@code /observe/metrics} (with Camel's own series), and every part's configuration finds it by type
 * to count its own series (docs/observability.md).
 */
public class MetricsConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        registry(context);
    }

    /** The gateway's registry, bound on first use. */
    static synchronized MeterRegistry registry(CamelContext context) {
        MeterRegistry registry = context.getRegistry().lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME,
                MeterRegistry.class);
        if (registry == null) {
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class, registry);
        }
        return registry;
    }
}
