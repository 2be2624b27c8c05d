package io.pushrelay.provider.alexa;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.auth.LwaTokenFetcher;
import io.pushrelay.config.InvalidSettingException.Problem;
import io.pushrelay.config.SettingRule;
import io.pushrelay.config.Settings;
import io.pushrelay.message.ChannelType;
import io.pushrelay.message.RejectedRequest;
import io.pushrelay.plugin.ChannelRule;
import io.pushrelay.plugin.ProviderPlugin;
import io.pushrelay.plugin.ProviderPlugins;
import io.pushrelay.provider.ProviderWiring;
import org.apache.camel.CamelContext;

/** Alexa: LWA tokens by refresh token (Alexa Smart Properties) or client credentials, and the notifications endpoint. */
public final class AlexaPlugin implements ProviderPlugin {

    private static final SettingRule GRANT_TYPE = SettingRule.oneOf("refresh_token", "client_credentials");

    @Override
    public String name() {
        return "alexa";
    }

    @Override
    public List<ChannelRule> channels() {
        return List.of(new ChannelRule(ChannelType.ALEXA, Pattern.compile("amzn1\\.[a-z]+\\.unit\\.[A-Za-z0-9._\\-]{4,1000}"),
                "an Alexa unit ID (amzn1.alexa.unit.did.…)"));
    }

    @Override
    public String messageBlock() {
        return "AlexaMessage";
    }

    @Override
    public void readFields(JsonNode block, String where, Map<String, JsonNode> fields) throws RejectedRequest {
        AlexaFields.read(block, where, fields);
    }

    @Override
    public Map<String, SettingRule> settings() {
        return Map.of("pushrelay.alexa.token-url", SettingRule.HTTP_URL, "pushrelay.alexa.grant-type", GRANT_TYPE,
                "pushrelay.alexa.client-id", SettingRule.TEXT, "pushrelay.alexa.client-secret", SettingRule.SECRET,
                "pushrelay.alexa.refresh-token", SettingRule.SECRET, "pushrelay.alexa.scope", SettingRule.TEXT,
                "pushrelay.alexa.default-locale", SettingRule.LOCALE);
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("pushrelay.alexa.base-url", "https://api.amazonalexa.com",
                "pushrelay.alexa.token-url", "https://api.amazon.com/auth/o2/token",
                "pushrelay.alexa.grant-type", "refresh_token", "pushrelay.alexa.client-id", "",
                "pushrelay.alexa.client-secret", "", "pushrelay.alexa.refresh-token", "",
                "pushrelay.alexa.scope", "alexa::enterprise:management", "pushrelay.alexa.default-locale", "en-US",
                "pushrelay.alexa.concurrency", "8", "pushrelay.alexa.max-connections", "32");
    }

    @Override
    public List<Problem> credentialsToRun(Settings settings) {
        return ProviderPlugins.required(settings, name(), refreshToken(settings)
                ? List.of("pushrelay.alexa.client-id", "pushrelay.alexa.client-secret", "pushrelay.alexa.refresh-token")
                : List.of("pushrelay.alexa.client-id", "pushrelay.alexa.client-secret"));
    }

    @Override
    public void bind(CamelContext context, Settings s) throws Exception {
        String tokenUrl = s.get("pushrelay.alexa.token-url");
        ProviderWiring.bind(context, s, new AlexaProvider(s.get("pushrelay.alexa.base-url"),
                s.get("pushrelay.alexa.default-locale"), Clock.systemUTC()),
                http -> refreshToken(s)
                        ? LwaTokenFetcher.refreshToken(http, tokenUrl, s.get("pushrelay.alexa.client-id"),
                                s.get("pushrelay.alexa.client-secret"), s.get("pushrelay.alexa.refresh-token"),
                                s.get("pushrelay.alexa.scope"), Clock.systemUTC())
                        : LwaTokenFetcher.clientCredentials(http, tokenUrl, s.get("pushrelay.alexa.client-id"),
                                s.get("pushrelay.alexa.client-secret"), s.get("pushrelay.alexa.scope"), Clock.systemUTC()));
    }

    private static boolean refreshToken(Settings s) {
        return "refresh_token".equals(s.get("pushrelay.alexa.grant-type"));
    }
}
