package io.pushrelay.database;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Fixed-length keys for database rows whose natural identity is long text (addresses, request IDs). */
public final class Keys {

    private Keys() {
    }

    /** The SHA-256 of the parts joined by '|', in hex (64 characters). */
    public static String of(Object... parts) {
        StringBuilder identity = new StringBuilder();
        for (Object part : parts) {
            identity.append(identity.isEmpty() ? "" : "|").append(part);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(identity.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
