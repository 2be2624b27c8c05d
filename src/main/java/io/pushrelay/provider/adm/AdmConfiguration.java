package io.pushrelay.provider.adm;

import java.time.Clock;

import io.pushrelay.auth.LwaTokenFetcher;
import io.pushrelay.config.Settings;
import io.pushrelay.provider.ProviderWiring;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** ADM: LWA client-credentials tokens (scope messaging:push) and the send endpoint. */
public class AdmConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings s = context.getRegistry().findSingleByType(Settings.class);
        ProviderWiring.bind(context, s, new AdmProvider(s.get("pushrelay.adm.base-url"), Clock.systemUTC()),
                s.get("pushrelay.adm.base-url"),
                http -> LwaTokenFetcher.clientCredentials(http, s.get("pushrelay.adm.token-url"),
                        s.get("pushrelay.adm.client-id"), s.get("pushrelay.adm.client-secret"), "messaging:push",
                        Clock.systemUTC()));
    }
}
