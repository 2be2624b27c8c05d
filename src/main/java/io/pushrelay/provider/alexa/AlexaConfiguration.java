package io.pushrelay.provider.alexa;

import java.time.Clock;

import io.pushrelay.auth.LwaTokenFetcher;
import io.pushrelay.config.Settings;
import io.pushrelay.provider.ProviderWiring;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** Alexa: LWA tokens by refresh token (Alexa Smart Properties) or client credentials, and the notifications endpoint. */
public class AlexaConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings s = context.getRegistry().findSingleByType(Settings.class);
        String tokenUrl = s.get("pushrelay.alexa.token-url");
        ProviderWiring.bind(context, s, new AlexaProvider(s.get("pushrelay.alexa.base-url"),
                s.get("pushrelay.alexa.default-locale"), Clock.systemUTC()), s.get("pushrelay.alexa.base-url"),
                http -> s.get("pushrelay.alexa.grant-type").equals("refresh_token")
                        ? LwaTokenFetcher.refreshToken(http, tokenUrl, s.get("pushrelay.alexa.client-id"),
                                s.get("pushrelay.alexa.client-secret"), s.get("pushrelay.alexa.refresh-token"),
                                s.get("pushrelay.alexa.scope"), Clock.systemUTC())
                        : LwaTokenFetcher.clientCredentials(http, tokenUrl, s.get("pushrelay.alexa.client-id"),
                                s.get("pushrelay.alexa.client-secret"), s.get("pushrelay.alexa.scope"), Clock.systemUTC()));
    }
}
