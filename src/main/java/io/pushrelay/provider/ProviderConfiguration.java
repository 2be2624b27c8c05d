package io.pushrelay.provider;

import io.pushrelay.config.Settings;
import io.pushrelay.plugin.ProviderPlugin;
import io.pushrelay.plugin.ProviderPlugins;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** Every provider plug-in binds its beans here: after the database and the broker, before the intake that uses them. */
public class ProviderConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = context.getRegistry().findSingleByType(Settings.class);
        for (ProviderPlugin plugin : ProviderPlugins.all()) {
            plugin.bind(context, settings);
        }
    }
}
