package io.pushrelay.provider.apns;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.config.InvalidSettingException;
import io.pushrelay.config.InvalidSettingException.Problem;
import io.pushrelay.config.SettingRule;
import io.pushrelay.config.Settings;
import io.pushrelay.message.RejectedRequest;
import io.pushrelay.plugin.ChannelRule;
import io.pushrelay.plugin.ProviderPlugin;
import io.pushrelay.plugin.ProviderPlugins;
import io.pushrelay.provider.ProviderWiring;
import org.apache.camel.CamelContext;

/** Apple Push Notification service: token authentication (.p8 key, ES256 provider tokens) over HTTP/2. */
public final class ApnsPlugin implements ProviderPlugin {

    static final String SANDBOX_URL = "pushrelay.apns.sandbox-base-url";
    static final String KEY_FILE = "pushrelay.apns.key-file";
    static final String KEY_ID = "pushrelay.apns.key-id";
    static final String TEAM_ID = "pushrelay.apns.team-id";
    static final String TOPIC = "pushrelay.apns.topic";

    @Override
    public String name() {
        return "apns";
    }

    @Override
    public List<ChannelRule> channels() {
        Pattern token = Pattern.compile("[0-9a-fA-F]{64,200}");
        String words = "an APNs device token (64 to 200 hexadecimal digits)";
        return ApnsProvider.CHANNELS.stream().map(channel -> new ChannelRule(channel, token, words)).toList();
    }

    @Override
    public String messageBlock() {
        return "APNSMessage";
    }

    @Override
    public void readFields(JsonNode block, String where, Map<String, JsonNode> fields) throws RejectedRequest {
        ApnsFields.read(block, where, fields);
    }

    @Override
    public Map<String, SettingRule> settings() {
        return Map.of(SANDBOX_URL, SettingRule.HTTP_URL, KEY_FILE, SettingRule.TEXT, KEY_ID, SettingRule.TEXT,
                TEAM_ID, SettingRule.TEXT, TOPIC, SettingRule.TEXT);
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("pushrelay.apns.base-url", "https://api.push.apple.com",
                SANDBOX_URL, "https://api.sandbox.push.apple.com", "pushrelay.apns.max-connections", "4",
                KEY_FILE, "", KEY_ID, "", TEAM_ID, "", TOPIC, "");
    }

    @Override
    public List<Problem> credentialsToRun(Settings settings) {
        List<Problem> problems = new ArrayList<>(ProviderPlugins.required(settings, name(),
                List.of(KEY_FILE, KEY_ID, TEAM_ID, TOPIC)));
        String file = settings.get(KEY_FILE);
        if (!file.isEmpty() && !Files.isReadable(Path.of(file))) {
            problems.add(new Problem(KEY_FILE, "there is no readable file " + file));
        }
        return problems;
    }

    @Override
    public void bind(CamelContext context, Settings s) throws Exception {
        ApnsTokenFetcher fetcher = null;
        if (s.bool("pushrelay.apns.enabled")) {
            try {
                fetcher = new ApnsTokenFetcher(s.get(TEAM_ID), s.get(KEY_ID), Path.of(s.get(KEY_FILE)), Clock.systemUTC());
            } catch (Exception e) {
                throw new InvalidSettingException(KEY_FILE, "cannot be read as an APNs .p8 key: " + e.getMessage());
            }
        }
        ApnsTokenFetcher tokens = fetcher;
        ProviderWiring.bind(context, s, new ApnsProvider(s.get("pushrelay.apns.base-url"), s.get(SANDBOX_URL),
                s.get(TOPIC), Clock.systemUTC()), http -> tokens);
    }
}
