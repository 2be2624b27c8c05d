package io.pushrelay.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.component.properties.PropertiesComponent;

/**
 * Runs before camel-main configures anything: resolves and validates the {@link Settings} (failing start-up with
 * every problem named at once) and binds them as {@code settings}, then hands every resolved value to Camel as an
 * override property so that routes, components and the CLI read the same values. The operator's file ({@code --config FILE} or {@code ./application.properties}) may set camel.* keys too.
 */
public class SettingsListener extends MainListenerSupport {

    private final Path configFile;
    private Optional<Path> operatorFile = Optional.empty();

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
        context.getRegistry().bind(Settings.BEAN, settings);

        Properties resolved = new Properties();
        Settings.read(operatorFile).forEach((key, value) -> {
            if (!key.startsWith(Settings.PREFIX)) {
                resolved.put(key, value);
            }
        });
        resolved.putAll(overrides);
        resolved.putAll(settings.asMap());
        int httpPort = settings.integer("pushrelay.http.port");
        // one server on the HTTP port: the routes' (the console) and, reusing it, the management one (/observe)
        resolved.put("camel.server.enabled", String.valueOf(httpPort > 0));
        resolved.put("camel.server.port", String.valueOf(httpPort));
        if (httpPort == 0) {
            // its routes are HTTP: with HTTP off there is no console
            resolved.put("camel.main.routes-exclude-pattern", "**/console.camel.yaml");
        }
        resolved.put("camel.management.enabled", String.valueOf(httpPort > 0));
        resolved.put("camel.management.port", String.valueOf(httpPort));
        resolved.put("camel.management.health-check-enabled", "true");
        resolved.put("camel.management.metrics-enabled", "true");
        properties.setOverrideProperties(resolved);
    }

    /** The operator's file read, once {@link #beforeConfigure} has found it (the banner names it). */
    public Optional<Path> operatorFile() {
        return operatorFile;
    }
}
