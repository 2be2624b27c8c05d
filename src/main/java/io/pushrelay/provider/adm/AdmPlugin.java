package io.pushrelay.provider.adm;

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

/** Amazon Device Messaging: LWA client-credentials tokens (scope messaging:push) and the send endpoint. */
public final class AdmPlugin implements ProviderPlugin {

    @Override
    public String name() {
        return "adm";
    }

    @Override
    public List<ChannelRule> channels() {
        return List.of(new ChannelRule(ChannelType.ADM,
                Pattern.compile("amzn1\\.adm-registration\\.v[1-9]\\.[A-Za-z0-9+/=_.\\-]{8,1000}"),
                "an ADM registration ID (amzn1.adm-registration.v3.…)"));
    }

    @Override
    public String messageBlock() {
        return "ADMMessage";
    }

    @Override
    public void readFields(JsonNode block, String where, Map<String, JsonNode> fields) throws RejectedRequest {
        AdmFields.read(block, where, fields);
    }

    @Override
    public Map<String, SettingRule> settings() {
        return Map.of("pushrelay.adm.token-url", SettingRule.HTTP_URL, "pushrelay.adm.client-id", SettingRule.TEXT,
                "pushrelay.adm.client-secret", SettingRule.SECRET);
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("pushrelay.adm.base-url", "https://api.amazon.com",
                "pushrelay.adm.token-url", "https://api.amazon.com/auth/o2/token",
                "pushrelay.adm.client-id", "", "pushrelay.adm.client-secret", "");
    }

    @Override
    public List<Problem> credentialsToRun(Settings settings) {
        return ProviderPlugins.required(settings, name(), List.of("pushrelay.adm.client-id", "pushrelay.adm.client-secret"));
    }

    @Override
    public void bind(CamelContext context, Settings s) throws Exception {
        ProviderWiring.bind(context, s, new AdmProvider(s.get("pushrelay.adm.base-url"), Clock.systemUTC()),
                http -> LwaTokenFetcher.clientCredentials(http, s.get("pushrelay.adm.token-url"),
                        s.get("pushrelay.adm.client-id"), s.get("pushrelay.adm.client-secret"), "messaging:push",
                        Clock.systemUTC()));
    }
}
