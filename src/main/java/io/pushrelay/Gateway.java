package io.pushrelay;

import java.nio.file.Path;
import java.util.Map;

import io.pushrelay.config.SettingsListener;
import io.pushrelay.observability.StartupSummary;
import io.pushrelay.plugin.PluginRoutes;
import io.pushrelay.sandbox.SandboxListener;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The gateway process: camel-main with the YAML routes (the provider plug-ins' included), the configuration classes
 * named in application.properties and the listeners that resolve the settings, start the sandbox and print the
 * banner, reading the operator's file ({@code --config FILE}, else
 * {@code ./application.properties} when there is one) over the jar's defaults. {@link #run()} blocks until SIGTERM/Ctrl-C; {@link #start()} returns once every
 * route runs (tests use it with overrides, exactly as production starts).
 */
public final class Gateway implements AutoCloseable {

    private final Main main = new Main();

    public Gateway(Map<String, String> overrides) {
        this(null, overrides);
    }

    /** {@code configFile} is {@code --config FILE}, or null for {@code ./application.properties} when there is one. */
    public Gateway(Path configFile, Map<String, String> overrides) {
        // in this order: the settings, then the sandbox that rewrites them, then the plug-ins' routes
        SettingsListener settings = new SettingsListener(configFile);
        main.addMainListener(settings);
        main.addMainListener(new SandboxListener());
        main.addMainListener(new PluginRoutes());
        main.addMainListener(new StartupSummary(settings::operatorFile));
        overrides.forEach(main::addOverrideProperty);
    }

    /** Runs until the JVM is asked to stop; routes stop first, then the broker. */
    public int run() throws Exception {
        main.run();
        return main.getExitCode();
    }

    public Gateway start() throws Exception {
        main.start();
        return this;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    @Override
    public void close() throws Exception {
        main.stop();
    }
}
