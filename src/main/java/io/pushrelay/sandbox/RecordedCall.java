package io.pushrelay.sandbox;

import java.time.Instant;
import java.util.Map;

/**
 * One request a simulator received, as it arrived on the wire, and the status it answered. Header names are
 * lower-cased; {@code address} is the registration ID, token or first unit the call was for; {@code notifications}
 * is how many notifications the provider accepted with it (0 for a token endpoint or an error, an Alexa call counting
 * its recipients). {@code answeredAt} is when the answer was written back (after any delay a fault adds).
 * {@code httpVersion} is how it came ({@code HTTP/1.1} or {@code HTTP/2}) and {@code connection} which connection
 * carried it (the client's address and port): HTTP/2 calls of one connection are its streams.
 */
public record RecordedCall(String provider, String method, String path, Map<String, String> headers, String body,
        String address, int status, Instant receivedAt, Instant answeredAt, int notifications, String httpVersion,
        String connection) {

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
