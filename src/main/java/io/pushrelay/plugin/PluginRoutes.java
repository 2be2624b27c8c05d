package io.pushrelay.plugin;

import java.util.Properties;

import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Adds every plug-in's route file to camel-main's routes-include-pattern before camel-main reads it, so that
 * application.properties names the core routes only.
 */
public class PluginRoutes extends MainListenerSupport {

    static final String PATTERN = "camel.main.routes-include-pattern";

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        PropertiesComponent properties = (PropertiesComponent) main.getCamelContext().getPropertiesComponent();
        Properties overrides = properties.getOverrideProperties() == null ? new Properties() : properties.getOverrideProperties();
        overrides.put(PATTERN, ProviderPlugins.routesIncludePattern(properties.resolveProperty(PATTERN).orElse("")));
        properties.setOverrideProperties(overrides);
    }
}
