package io.pushrelay.message;

/** Pinpoint's DeliveryStatus values. */
public enum DeliveryStatus {
    SUCCESSFUL, THROTTLED, TEMPORARY_FAILURE, PERMANENT_FAILURE, UNKNOWN_FAILURE, OPT_OUT, DUPLICATE, TIMEOUT;

    /** Whether a target with this outcome may be tried again later. */
    public boolean retryable() {
        return this == THROTTLED || this == TEMPORARY_FAILURE || this == TIMEOUT || this == UNKNOWN_FAILURE;
    }
}
