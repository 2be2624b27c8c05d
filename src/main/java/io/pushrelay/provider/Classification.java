package io.pushrelay.provider;

import java.time.Duration;
import java.time.Instant;

import io.pushrelay.message.DeliveryStatus;

/**
 * The meaning of one answer for its targets.
 *
 * @param reason        the provider's own reason ({@code Unregistered}, {@code UNREGISTERED}, …) or ours
 *                      ({@code Timeout}, {@code TokenUnavailable}, …); null on success
 * @param retryAfter    the provider's {@code Retry-After}, or a floor the provider's guidance sets; null if none
 * @param tokenRejected the access token was refused: refresh it and try the call once more
 * @param addressGone   the provider says the address will never work again (the registry drops it)
 * @param goneSince     when the provider says the address stopped working (APNs' 410 timestamp), or null: an
 *                      endpoint registered again after it stays ACTIVE
 */
public record Classification(DeliveryStatus status, int statusCode, String reason, String message, String messageId,
        String updatedToken, Duration retryAfter, boolean tokenRejected, boolean addressGone, Instant goneSince) {

    public static Classification success(int statusCode, String messageId, String updatedToken) {
        return new Classification(DeliveryStatus.SUCCESSFUL, statusCode, null, null, messageId, updatedToken, null,
                false, false, null);
    }

    public static Classification failure(DeliveryStatus status, int statusCode, String reason, String message) {
        return new Classification(status, statusCode, reason, message, null, null, null, false, false, null);
    }

    public Classification retryAfter(Duration delay) {
        return new Classification(status, statusCode, reason, message, messageId, updatedToken, delay, tokenRejected,
                addressGone, goneSince);
    }

    public Classification rejectingToken() {
        return new Classification(status, statusCode, reason, message, messageId, updatedToken, retryAfter, true,
                addressGone, goneSince);
    }

    public Classification withAddressGone() {
        return withAddressGone(null);
    }

    /** The address is gone since {@code since} (null: since an unknown time, so whatever the registry holds). */
    public Classification withAddressGone(Instant since) {
        return new Classification(status, statusCode, reason, message, messageId, updatedToken, retryAfter,
                tokenRejected, true, since);
    }

    public boolean successful() {
        return status == DeliveryStatus.SUCCESSFUL;
    }
}
