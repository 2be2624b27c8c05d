package io.pushrelay.provider.fcm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;

import io.pushrelay.auth.GoogleServiceAccountTokenFetcher;
import io.pushrelay.config.InvalidSettingException;
import io.pushrelay.config.Settings;
import io.pushrelay.provider.ProviderWiring;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** FCM: Google service-account tokens (google-auth-library) and the v1 send endpoint of the project. */
public class FcmConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings s = context.getRegistry().findSingleByType(Settings.class);
        GoogleServiceAccountTokenFetcher fetcher = s.bool("pushrelay.fcm.enabled") ? fetcher(s) : null;
        String projectId = !s.get("pushrelay.fcm.project-id").isEmpty() ? s.get("pushrelay.fcm.project-id")
                : fetcher != null ? fetcher.projectId() : "";
        if (s.bool("pushrelay.fcm.enabled") && (projectId == null || projectId.isEmpty())) {
            throw new InvalidSettingException("pushrelay.fcm.project-id", "not set, and the service-account file names none");
        }
        ProviderWiring.bind(context, s, new FcmProvider(s.get("pushrelay.fcm.base-url"), projectId, Clock.systemUTC()),
                s.get("pushrelay.fcm.base-url"), http -> fetcher);
    }

    private static GoogleServiceAccountTokenFetcher fetcher(Settings s) {
        String file = s.get("pushrelay.fcm.credentials-file");
        try {
            return new GoogleServiceAccountTokenFetcher(Path.of(file), s.get("pushrelay.fcm.token-url"));
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidSettingException("pushrelay.fcm.credentials-file", "cannot be read as a service-account key: "
                    + e.getMessage());
        }
    }
}
