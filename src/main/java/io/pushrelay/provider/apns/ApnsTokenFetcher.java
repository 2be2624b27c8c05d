package io.pushrelay.provider.apns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.pushrelay.auth.AccessToken;
import io.pushrelay.auth.TokenFetcher;
import io.pushrelay.auth.TokenUnavailableException;

/**
 * The APNs provider token: an ES256 JWT ({@code alg} ES256, {@code kid} the key ID; {@code iss} the team ID,
 * {@code iat} now) signed with the team's .p8 key by nimbus-jose-jwt. Apple wants one token per team, renewed no
 * more than once every 20 minutes and no less than once an hour: it is given a lifetime of 50 minutes, so the
 * token-refresh processor (one caller at a time, every call and connection sharing the result) asks for the next one
 * 49 minutes after the last, or after APNs refused it. A token is never signed sooner than 20 minutes after the last
 * one: asked again before that (APNs refused a token it judged expired or invalid), the fetcher gives the same token
 * back, and the one retry goes with it. A new one would change nothing that soon (a fresh token is refused for a
 * wrong key, team or clock) but earn TooManyProviderTokenUpdates.
 */
public final class ApnsTokenFetcher implements TokenFetcher {

    public static final Duration LIFETIME = Duration.ofMinutes(50);
    /** Apple: a team's token may change at most once every 20 minutes. */
    public static final Duration MIN_INTERVAL = Duration.ofMinutes(20);

    private final String teamId;
    private final String keyId;
    private final ECDSASigner signer;
    private final Clock clock;
    private AccessToken last;

    public ApnsTokenFetcher(String teamId, String keyId, Path keyFile, Clock clock) throws IOException, GeneralSecurityException {
        this.teamId = teamId;
        this.keyId = keyId;
        this.clock = clock;
        try {
            this.signer = new ECDSASigner(readKey(keyFile));
        } catch (JOSEException e) {
            throw new GeneralSecurityException("the .p8 key is not a P-256 key: " + e.getMessage(), e);
        }
    }

    /** A .p8 file as Apple hands it out: a PKCS#8 EC private key in PEM. */
    static ECPrivateKey readKey(Path keyFile) throws IOException, GeneralSecurityException {
        String base64 = Files.readString(keyFile).replaceAll("-----[A-Z ]+-----|\\s", "");
        return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    @Override
    public synchronized AccessToken fetch() throws TokenUnavailableException {
        Instant now = clock.instant();
        if (last != null && now.isBefore(last.expiresAt().minus(LIFETIME).plus(MIN_INTERVAL))) {
            return last;
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keyId).build(),
                new JWTClaimsSet.Builder().issuer(teamId).issueTime(Date.from(now)).build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new TokenUnavailableException("APNs provider token could not be signed: " + e.getMessage(), e);
        }
        last = new AccessToken(jwt.serialize(), now.plus(LIFETIME));
        return last;
    }
}
