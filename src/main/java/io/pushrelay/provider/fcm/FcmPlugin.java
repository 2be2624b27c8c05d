package io.pushrelay.provider.fcm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.auth.GoogleServiceAccountTokenFetcher;
import io.pushrelay.config.InvalidSettingException;
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

/** FCM (Pinpoint's GCM channel): Google service-account tokens (google-auth-library) and the project's v1 send endpoint. */
public final class FcmPlugin implements ProviderPlugin {

    private static final String CREDENTIALS_FILE = "pushrelay.fcm.credentials-file";

    @Override
    public String name() {
        return "fcm";
    }

    @Override
    public List<ChannelRule> channels() {
        return List.of(new ChannelRule(ChannelType.GCM, Pattern.compile("[A-Za-z0-9_:\\-]{20,1024}"),
                "an FCM registration token (20 to 1024 letters, digits, '_', ':' or '-')"));
    }

    @Override
    public String messageBlock() {
        return "GCMMessage";
    }

    @Override
    public void readFields(JsonNode block, String where, Map<String, JsonNode> fields) throws RejectedRequest {
        FcmFields.read(block, where, fields);
    }

    @Override
    public Map<String, SettingRule> settings() {
        return Map.of("pushrelay.fcm.project-id", SettingRule.TEXT, CREDENTIALS_FILE, SettingRule.TEXT,
                "pushrelay.fcm.token-url", SettingRule.OPTIONAL_HTTP_URL);
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("pushrelay.fcm.base-url", "https://fcm.googleapis.com", "pushrelay.fcm.project-id", "",
                CREDENTIALS_FILE, "", "pushrelay.fcm.token-url", "");
    }

    @Override
    public List<Problem> credentialsToRun(Settings settings) {
        List<Problem> problems = new ArrayList<>(ProviderPlugins.required(settings, name(), List.of(CREDENTIALS_FILE)));
        String file = settings.get(CREDENTIALS_FILE);
        if (!file.isEmpty() && !Files.isReadable(Path.of(file))) {
            problems.add(new Problem(CREDENTIALS_FILE, "there is no readable file " + file));
        }
        return problems;
    }

    @Override
    public void bind(CamelContext context, Settings s) throws Exception {
        GoogleServiceAccountTokenFetcher fetcher = s.bool("pushrelay.fcm.enabled") ? fetcher(s) : null;
        String projectId = !s.get("pushrelay.fcm.project-id").isEmpty() ? s.get("pushrelay.fcm.project-id")
                : fetcher != null ? fetcher.projectId() : "";
        if (s.bool("pushrelay.fcm.enabled") && (projectId == null || projectId.isEmpty())) {
            throw new InvalidSettingException("pushrelay.fcm.project-id", "not set, and the service-account file names none");
        }
        ProviderWiring.bind(context, s, new FcmProvider(s.get("pushrelay.fcm.base-url"), projectId, Clock.systemUTC()),
                http -> fetcher);
    }

    private static GoogleServiceAccountTokenFetcher fetcher(Settings s) {
        String file = s.get(CREDENTIALS_FILE);
        try {
            return new GoogleServiceAccountTokenFetcher(Path.of(file), s.get("pushrelay.fcm.token-url"));
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidSettingException(CREDENTIALS_FILE, "cannot be read as a service-account key: " + e.getMessage());
        }
    }
}
