package io.pushrelay.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import io.pushrelay.observability.StartupSummary;
import io.pushrelay.sandbox.ProviderSandbox;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.component.properties.PropertiesComponent;

/**
 * Runs before camel-main configures anything: resolves and validates the {@link Settings} (failing start-up with
 * every problem named at once), starts the provider sandbox when enabled and points the providers at it, then hands
 * every resolved value to Camel as an override property so that routes, components and the CLI read the same
 * values. The operator's file ({@code --config FILE} or {@code ./application.properties}) may set camel.* keys too.
 */
public class SettingsListener extends MainListenerSupport {

    private final Path configFile;
    private Optional<Path> operatorFile = Optional.empty();
    private boolean started;

    /** {@code configFile} is {@code --config FILE}, or null for {@code ./application.properties} when there is one. */
    public SettingsListener(Path configFile) {
        this.configFile = configFile;
    }

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        PropertiesComponent properties = (PropertiesComponent) context.getPropertiesComponent();
        Properties overrides = properties.getOverrideProperties() == null ? new Properties() : properties.getOverrideProperties();
        Map<String, String> explicit = new TreeMap<>();
        overrides.stringPropertyNames().forEach(k -> explicit.put(k, overrides.getProperty(k)));

        operatorFile = Settings.operatorFile(configFile);
        Settings settings = Settings.toRun(operatorFile, explicit);
        if (settings.bool("pushrelay.sandbox.enabled")) {
            ProviderSandbox sandbox = new ProviderSandbox(settings.integer("pushrelay.sandbox.port"),
                    settings.path("pushrelay.data.dir").resolve("sandbox"));
            try {
                // started now: the providers' URLs name its port
                sandbox.start();
                context.addService(sandbox, true, false);
            } catch (Exception e) {
                throw new IllegalStateException("The provider sandbox could not start: " + e.getMessage(), e);
            }
            context.getRegistry().bind("providerSandbox", sandbox);
            settings = settings.with(sandbox.providerSettings());
        }
        context.getRegistry().bind("settings", settings);

        Properties resolved = new Properties();
        Settings.read(operatorFile).forEach((key, value) -> {
            if (!key.startsWith(Settings.PREFIX)) {
                resolved.put(key, value);
            }
        });
        resolved.putAll(overrides);
        resolved.putAll(settings.asMap());
        int httpPort = settings.integer("pushrelay.http.port");
        resolved.put("camel.management.enabled", String.valueOf(httpPort > 0));
        resolved.put("camel.management.port", String.valueOf(httpPort));
        resolved.put("camel.management.health-check-enabled", "true");
        resolved.put("camel.management.metrics-enabled", "true");
        properties.setOverrideProperties(resolved);
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        started = true;
        StartupSummary.log(main.getCamelContext(), operatorFile);
    }

    @Override
    public void afterStop(BaseMainSupport main) {
        if (started) {
            StartupSummary.stopped();
        }
    }
}
