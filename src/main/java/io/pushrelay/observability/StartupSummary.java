package io.pushrelay.observability;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.pushrelay.broker.EmbeddedBroker;
import io.pushrelay.config.Settings;
import io.pushrelay.plugin.ProviderPlugin;
import io.pushrelay.plugin.ProviderPlugins;
import io.pushrelay.sandbox.ProviderSandbox;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The banner an operator reads after start: where the broker, database and HTTP are, which providers run, and how. */
public final class StartupSummary extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger("pushrelay");

    private final Supplier<Optional<Path>> operatorFile;
    private boolean started;

    /** {@code operatorFile}: the operator's file the settings were read from, known once they are. */
    public StartupSummary(Supplier<Optional<Path>> operatorFile) {
        this.operatorFile = operatorFile;
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        started = true;
        log(main.getCamelContext(), operatorFile.get());
    }

    @Override
    public void afterStop(BaseMainSupport main) {
        if (started) {
            // the library loggers are quiet below WARN, so the gateway says itself that it has stopped
            LOG.info("pushrelay stopped");
        }
    }

    private static void log(CamelContext context, Optional<Path> operatorFile) {
        Settings settings = context.getRegistry().findSingleByType(Settings.class);
        EmbeddedBroker broker = context.getRegistry().findSingleByType(EmbeddedBroker.class);
        ProviderSandbox sandbox = context.getRegistry().findSingleByType(ProviderSandbox.class);
        int port = settings.integer("pushrelay.http.port");
        String providers = ProviderPlugins.all().stream().map(ProviderPlugin::name)
                .map(p -> p + (settings.bool("pushrelay." + p + ".enabled") ? " on" : " off"))
                .collect(Collectors.joining(", "));
        LOG.info("pushrelay started in {} ms, configuration {}\n"
                        + "  broker:    {}\n"
                        + "  database:  {}\n"
                        + "  http:      {}\n"
                        + "  providers: {}, {}",
                ManagementFactory.getRuntimeMXBean().getUptime(),
                operatorFile.map(f -> f + " over the defaults").orElse("defaults"),
                broker != null ? "embedded Artemis on " + broker.acceptorUrl() + " (" + settings.get("pushrelay.broker.protocols")
                        + "), journal " + broker.dataDir() : "external Artemis at " + settings.get("pushrelay.broker.url"),
                settings.get("pushrelay.db.url"),
                port > 0 ? "http://0.0.0.0:" + port + "/observe/health, /observe/metrics" : "off",
                providers, sandbox != null ? "through the sandbox at " + sandbox.url() : "to the real providers");
        if (sandbox != null) {
            LOG.warn("PROVIDER SANDBOX IN USE: nothing reaches {} (simulators at {}, control API under "
                    + "/_sandbox); set pushrelay.sandbox.enabled=false for the real providers",
                    ProviderPlugins.all().stream().map(ProviderPlugin::name).collect(Collectors.joining(", ")), sandbox.url());
        }
    }
}
