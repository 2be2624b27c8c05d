package io.pushrelay.auth;

/**
 * What a token refresher tells whoever watches it (the gateway's logs, health and metrics): each refresh's outcome.
 * Called on the refreshing thread, so it must be quick and never throw; every method does nothing unless overridden.
 */
public interface TokenListener {

    TokenListener NONE = new TokenListener() {
    };

    /** A new access token for {@code credential} was fetched. */
    default void refreshed(String credential) {
    }

    /** The token endpoint gave no access token for {@code credential}, for {@code why}. */
    default void refreshFailed(String credential, String why) {
    }
}
