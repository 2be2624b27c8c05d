package io.pushrelay.sandbox;

import java.util.Properties;

import io.pushrelay.config.Settings;
import org.apache.camel.CamelContext;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Starts the provider sandbox when {@code pushrelay.sandbox.enabled} (after the settings are resolved, before any
 * provider binds) and points every provider at it: the bound {@link Settings} and the property placeholders get
 * the simulators' URLs and credentials.
 */
public class SandboxListener extends MainListenerSupport {

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        Settings settings = context.getRegistry().findSingleByType(Settings.class);
        if (!settings.bool(SandboxSettings.ENABLED)) {
            return;
        }
        ProviderSandbox sandbox = new ProviderSandbox(settings.integer(SandboxSettings.PORT),
                settings.path("pushrelay.data.dir").resolve("sandbox"));
        try {
            // started now: the providers' URLs name its port
            sandbox.start();
            context.addService(sandbox, true, false);
        } catch (Exception e) {
            throw new IllegalStateException("The provider sandbox could not start: " + e.getMessage(), e);
        }
        context.getRegistry().bind("providerSandbox", sandbox);
        context.getRegistry().bind(Settings.BEAN, settings.with(sandbox.providerSettings()));
        PropertiesComponent properties = (PropertiesComponent) context.getPropertiesComponent();
        Properties overrides = properties.getOverrideProperties();
        overrides.putAll(sandbox.providerSettings());
        properties.setOverrideProperties(overrides);
    }
}
