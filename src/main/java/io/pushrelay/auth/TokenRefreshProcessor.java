package io.pushrelay.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one credential's access token fresh: caches it, refreshes it {@code skew} before it expires, lets one caller
 * at a time refresh while the others wait for that result, and after a provider's 401 replaces the rejected token
 * (unless another caller already has). A failed refresh is remembered for {@code failureBackoff}, so a token
 * endpoint that is down is not hammered by every waiting call. A refresh after a rejection runs on a thread of its
 * own, started only while one is wanted: the caller is an HTTP client's I/O thread, which the token endpoint's
 * answer may need.
 */
public final class TokenRefreshProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(TokenRefreshProcessor.class);

    private final String credential;
    private final TokenFetcher fetcher;
    private final Duration skew;
    private final Duration failureBackoff;
    private final Clock clock;
    private final Executor refresher = refresher();
    private AccessToken token;
    private Instant failedAt;
    private String failure;
    private volatile TokenListener listener = TokenListener.NONE;

    public TokenRefreshProcessor(String credential, TokenFetcher fetcher, Duration skew, Duration failureBackoff, Clock clock) {
        this.credential = credential;
        this.fetcher = fetcher;
        this.skew = skew;
        this.failureBackoff = failureBackoff;
        this.clock = clock;
    }

    /** Who hears of each refresh's outcome (one listener; the gateway's observability, which logs a failing endpoint once). */
    public void listen(TokenListener listener) {
        this.listener = listener;
    }

    /** A token that is valid for at least {@code skew} more, refreshing first if needed. */
    public synchronized AccessToken current() throws TokenUnavailableException {
        if (token != null && clock.instant().isBefore(token.expiresAt().minus(skew))) {
            return token;
        }
        return refresh();
    }

    /** After a provider refused {@code rejected}: a new token, unless another caller already replaced it. */
    public synchronized AccessToken refreshAfterRejection(AccessToken rejected) throws TokenUnavailableException {
        if (token != null && !token.equals(rejected)) {
            return token;
        }
        token = null;
        failedAt = null;
        return refresh();
    }

    /**
     * {@link #refreshAfterRejection} off the caller's thread; completes exceptionally with a
     * {@link TokenUnavailableException} (in a CompletionException) when no token can be had.
     */
    public CompletableFuture<AccessToken> replaceRejected(AccessToken rejected) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return refreshAfterRejection(rejected);
            } catch (TokenUnavailableException e) {
                throw new CompletionException(e);
            }
        }, refresher);
    }

    private AccessToken refresh() throws TokenUnavailableException {
        if (failedAt != null && clock.instant().isBefore(failedAt.plus(failureBackoff))) {
            throw new TokenUnavailableException(credential + " token endpoint failed recently: " + failure);
        }
        try {
            token = fetcher.fetch();
            failedAt = null;
            LOG.debug("Refreshed the {} access token; it expires at {}", credential, token.expiresAt());
            listener.refreshed(credential);
            return token;
        } catch (TokenUnavailableException e) {
            failedAt = clock.instant();
            failure = e.getMessage();
            // the WARN line is the listener's, once when the endpoint starts failing: not one for every attempt
            LOG.debug("Could not refresh the {} access token: {}", credential, e.getMessage());
            listener.refreshFailed(credential, e.getMessage());
            throw e;
        }
    }

    /** One thread at most, gone after 30 s without work. */
    private Executor refresher() {
        return new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "pushrelay-" + credential + "-token-refresh");
            t.setDaemon(true);
            return t;
        });
    }
}
