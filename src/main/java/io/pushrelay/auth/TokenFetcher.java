package io.pushrelay.auth;

/** Gets a fresh access token from a token endpoint; throws {@link TokenUnavailableException} when it cannot. */
@FunctionalInterface
public interface TokenFetcher {

    AccessToken fetch() throws TokenUnavailableException;
}
