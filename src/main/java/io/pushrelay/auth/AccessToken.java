package io.pushrelay.auth;

import java.time.Instant;

/** A bearer token and when it stops working. Its value never appears in logs or results. */
public record AccessToken(String value, Instant expiresAt) {

    @Override
    public String toString() {
        return "AccessToken[expiresAt=" + expiresAt + "]";
    }
}
