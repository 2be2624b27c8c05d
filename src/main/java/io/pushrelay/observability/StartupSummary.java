package io.pushrelay.observability;

import java.lang.management.ManagementFactory;
import java.util.stream.Collectors;

import io.pushrelay.broker.EmbeddedBroker;
import io.pushrelay.config.Settings;
import io.pushrelay.sandbox.ProviderSandbox;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The few lines an operator reads after start: what runs, where the broker, database, sandbox and HTTP are. */
public final class StartupSummary {

    private static final Logger LOG = LoggerFactory.getLogger("pushrelay");

    private StartupSummary() {
    }

    public static void log(CamelContext context) {
        Settings settings = context.getRegistry().findSingleByType(Settings.class);
        EmbeddedBroker broker = context.getRegistry().findSingleByType(EmbeddedBroker.class);
        ProviderSandbox sandbox = context.getRegistry().findSingleByType(ProviderSandbox.class);
        StringBuilder text = new StringBuilder("pushrelay started in ")
                .append(ManagementFactory.getRuntimeMXBean().getUptime()).append(" ms\n");
        text.append("  routes:   ").append(context.getRoutes().stream()
                .map(r -> r.getRouteId() + " (" + context.getRouteController().getRouteStatus(r.getRouteId()) + ")")
                .collect(Collectors.joining(", "))).append('\n');
        text.append("  broker:   ").append(broker != null
                ? "embedded Artemis on " + broker.acceptorUrl() + ", journal " + broker.dataDir()
                : "external Artemis at " + settings.get("pushrelay.broker.url")).append('\n');
        text.append("  database: ").append(settings.get("pushrelay.db.url")).append('\n');
        int port = settings.integer("pushrelay.http.port");
        text.append("  http:     ").append(port > 0
                ? "http://0.0.0.0:" + port + "/observe/health, /observe/metrics" : "off").append('\n');
        text.append("  queues:   in ").append(settings.queue("requests")).append(", results ")
                .append(settings.queue("results")).append(", dead letters ").append(settings.queue("dead-letters"))
                .append(", invalid ").append(settings.queue("invalid"));
        LOG.info(text.toString());
        if (sandbox != null) {
            LOG.warn("""

                    ************************************************************************
                    ***  PROVIDER SANDBOX IN USE: nothing reaches ADM, FCM or Alexa.
                    ***  Simulated providers at {} (control API under /_sandbox).
                    ***  Set pushrelay.sandbox.enabled=false to talk to the real providers.
                    ************************************************************************""", sandbox.url());
        }
    }

}
