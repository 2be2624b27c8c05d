package io.pushrelay.auth;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.google.auth.oauth2.ServiceAccountCredentials;

/**
 * Google's service-account JWT-bearer grant, through google-auth-library: it signs the RS256 assertion and
 * exchanges it at the key file's {@code token_uri}, or at {@code pushrelay.fcm.token-url} when that is set.
 */
public final class GoogleServiceAccountTokenFetcher implements TokenFetcher {

    public static final String FCM_SCOPE = "https://www.googleapis.com/auth/firebase.messaging";

    private final ServiceAccountCredentials credentials;

    public GoogleServiceAccountTokenFetcher(Path keyFile, String tokenUrl) throws IOException {
        ServiceAccountCredentials loaded;
        try (InputStream in = Files.newInputStream(keyFile)) {
            loaded = ServiceAccountCredentials.fromStream(in);
        }
        if (tokenUrl != null && !tokenUrl.isBlank()) {
            loaded = loaded.toBuilder().setTokenServerUri(URI.create(tokenUrl)).build();
        }
        this.credentials = (ServiceAccountCredentials) loaded.createScoped(List.of(FCM_SCOPE));
    }

    /** The project the key file belongs to. */
    public String projectId() {
        return credentials.getProjectId();
    }

    @Override
    public AccessToken fetch() throws TokenUnavailableException {
        try {
            com.google.auth.oauth2.AccessToken token = credentials.refreshAccessToken();
            Instant expires = token.getExpirationTime() == null ? Instant.now().plusSeconds(3599)
                    : token.getExpirationTime().toInstant();
            return new AccessToken(token.getTokenValue(), expires);
        } catch (IOException | RuntimeException e) {
            throw new TokenUnavailableException("Google token endpoint: " + e.getMessage(), e);
        }
    }
}
