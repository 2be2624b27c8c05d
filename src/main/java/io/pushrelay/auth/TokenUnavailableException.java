package io.pushrelay.auth;

/** No access token could be had: the token endpoint failed, refused the credentials, or did not answer. */
public class TokenUnavailableException extends Exception {

    public TokenUnavailableException(String message) {
        super(message);
    }

    public TokenUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
