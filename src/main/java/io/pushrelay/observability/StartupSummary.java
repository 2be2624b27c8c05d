package io.pushrelay.observability;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
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
import org.slf4j.helpers.MessageFormatter;

/**
 * The banner an operator reads after start, one INFO line (of several rows): where the broker, database and HTTP are,
 * which providers run and how (consumers, batch size, connections, rate limit, circuit, retries), the intake, and
 * how observability reads the queues; and one INFO line at stop. No secret is in it: a password in a URL is masked.
 */
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
            LOG.info("pushrelay stopped after {}", Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime())
                    .truncatedTo(ChronoUnit.SECONDS).toString().substring(2).toLowerCase(Locale.ROOT));
        }
    }

    private static void log(CamelContext context, Optional<Path> operatorFile) {
        ProviderSandbox sandbox = context.getRegistry().findSingleByType(ProviderSandbox.class);
        LOG.info("pushrelay started in {} ms, configuration {}\n{}", ManagementFactory.getRuntimeMXBean().getUptime(),
                operatorFile.map(f -> f + " over the defaults").orElse("defaults"), configuration(context));
        if (sandbox != null) {
            LOG.warn("PROVIDER SANDBOX IN USE: nothing reaches {} (simulators at {}, control API under "
                    + "/_sandbox); set pushrelay.sandbox.enabled=false for the real providers",
                    ProviderPlugins.all().stream().map(ProviderPlugin::name).collect(Collectors.joining(", ")), sandbox.url());
        }
    }

    /** The banner's rows: the effective configuration, a row per part. */
    static String configuration(CamelContext context) {
        Settings settings = context.getRegistry().findSingleByType(Settings.class);
        EmbeddedBroker broker = context.getRegistry().findSingleByType(EmbeddedBroker.class);
        ProviderSandbox sandbox = context.getRegistry().findSingleByType(ProviderSandbox.class);
        int port = settings.integer("pushrelay.http.port");
        String providers = ProviderPlugins.all().stream().map(ProviderPlugin::name)
                .map(p -> p + (settings.bool("pushrelay." + p + ".enabled") ? " on" : " off"))
                .collect(Collectors.joining(", "));
        String delivery = ProviderPlugins.all().stream().map(ProviderPlugin::name)
                .filter(p -> settings.bool("pushrelay." + p + ".enabled")).map(p -> delivery(settings, p))
                .collect(Collectors.joining("\n  "));
        return MessageFormatter.arrayFormat("  broker:    {}\n"
                        + "  database:  {}\n"
                        + "  http:      {}\n"
                        + "  providers: {}, {}\n"
                        + "  {}\n"
                        + "  intake:    {} consumers, batches of up to {} requests, group pages of {}\n"
                        + "  observe:   queue depths every {}, dead letters summed up every {}", new Object[] {
                broker != null ? "embedded Artemis on " + broker.acceptorUrl() + " (" + settings.get("pushrelay.broker.protocols")
                        + "), journal " + broker.dataDir() : "external Artemis at " + masked(settings.get("pushrelay.broker.url")),
                masked(settings.get("pushrelay.db.url")),
                port > 0 ? "http://0.0.0.0:" + port + "/observe/health, /observe/metrics" : "off",
                providers, sandbox != null ? "through the sandbox at " + sandbox.url() : "to the real providers",
                delivery.isEmpty() ? "no provider enabled" : delivery,
                settings.get("pushrelay.intake.concurrency"), settings.get("pushrelay.intake.batch-size"),
                settings.get("pushrelay.intake.group-page-size"), settings.get(ObservabilitySettings.SAMPLE_INTERVAL),
                settings.get(ObservabilitySettings.DEAD_LETTER_SUMMARY)}).getMessage();
    }

    /** One provider's row: how its work is consumed, batched, called, limited and retried. */
    private static String delivery(Settings settings, String p) {
        String rate = settings.get("pushrelay." + p + ".rate-limit");
        return String.format(Locale.ROOT, "%-10s %s consumers, batches of %s, %s connections, %s, circuit after %s failures "
                        + "for %s, up to %s attempts %s..%s apart", p + ":",
                settings.get("pushrelay." + p + ".concurrency"), settings.get("pushrelay." + p + ".batch-size"),
                settings.get("pushrelay." + p + ".max-connections"), "0".equals(rate) ? "no rate limit" : rate + " calls/s",
                settings.get("pushrelay." + p + ".circuit.failure-threshold"), settings.get("pushrelay." + p + ".circuit.open-duration"),
                settings.perProvider(p, "retry.max-attempts"), settings.perProvider(p, "retry.initial-delay"),
                settings.perProvider(p, "retry.max-delay"));
    }

    /** A URL with any password in it (user:password@, password=...) replaced by ***. */
    static String masked(String url) {
        return url.replaceAll("(?i)(://[^/:@]+:)[^@/]*@", "$1***@").replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
