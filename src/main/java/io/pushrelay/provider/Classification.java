package io.pushrelay.provider;

import java.time.Duration;

import io.pushrelay.message.DeliveryStatus;

/**
 * The meaning of one answer for its targets.
 *
 * @param reason        the provider's own reason ({@code Unregistered}, {@code UNREGISTERED}, …) or ours
 *                      ({@code Timeout}, {@code TokenUnavailable}, …); null on success
 * @param retryAfter    the provider's {@code Retry-After}, or a floor the provider's guidance sets; null if none
 * @param tokenRejected the access token was refused: refresh it and try the call once more
 * @param addressGone   the provider says the address will never work again (the registry drops it)
 */
public record Classification(DeliveryStatus status, int statusCode, String reason, String message, String messageId,
        String updatedToken, Duration retryAfter, boolean tokenRejected, boolean addressGone) {

    public static Classification success(int statusCode, String messageId, String updatedToken) {
        return new Classification(DeliveryStatus.SUCCESSFUL, statusCode, null, null, messageId, updatedToken, null,
                false, false);
    }

    public static Classification failure(DeliveryStatus status, int statusCode, String reason, String message) {
        return new Classification(status, statusCode, reason, message, null, null, null, false, false);
    }

    public Classification retryAfter(Duration delay) {
        return new Classification(status, statusCode, reason, message, messageId, updatedToken, delay, tokenRejected,
                addressGone);
    }

    public Classification rejectingToken() {
        return new Classification(status, statusCode, reason, message, messageId, updatedToken, retryAfter, true,
                addressGone);
    }

    public Classification withAddressGone() {
        return new Classification(status, statusCode, reason, message, messageId, updatedToken, retryAfter,
                tokenRejected, true);
    }

    public boolean successful() {
        return status == DeliveryStatus.SUCCESSFUL;
    }
}
