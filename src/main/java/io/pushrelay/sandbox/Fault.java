package io.pushrelay.sandbox;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A scripted failure: the next {@code times} calls to {@code provider} (for {@code address} only, or every address
 * when it is null) are answered with {@code status}, shaped as that provider shapes its errors, optionally after
 * {@code delayMillis} and with a {@code Retry-After} header. {@code times} of -1 (or 0, as when absent from the JSON) means until cleared. A status of 0
 * with a delay makes a slow success. {@code html} answers with an HTML error page instead of JSON, as a proxy would.
 *
 * @param provider    adm, fcm, alexa, lwa or google
 * @param reason      the provider's reason (ADM {@code reason}, FCM {@code errorCode}, LWA/Google {@code error});
 *                    null picks the provider's usual one for the status
 * @param retryAfter  sent verbatim: seconds ({@code "2"}) or an HTTP date (see {@link #httpDate})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Fault(String provider, String address, int status, String reason, String retryAfter, long delayMillis,
        int times, boolean html) {

    public static Fault status(String provider, int status, int times) {
        return new Fault(provider, null, status, null, null, 0, times, false);
    }

    public Fault forAddress(String target) {
        return new Fault(provider, target, status, reason, retryAfter, delayMillis, times, html);
    }

    public Fault withReason(String providerReason) {
        return new Fault(provider, address, status, providerReason, retryAfter, delayMillis, times, html);
    }

    public Fault withRetryAfter(String value) {
        return new Fault(provider, address, status, reason, value, delayMillis, times, html);
    }

    public Fault withDelay(long millis) {
        return new Fault(provider, address, status, reason, retryAfter, millis, times, html);
    }

    public Fault asHtml() {
        return new Fault(provider, address, status, reason, retryAfter, delayMillis, times, true);
    }

    /** A slow but successful answer. */
    public static Fault slow(String provider, long millis, int times) {
        return new Fault(provider, null, 0, null, null, millis, times, false);
    }

    public boolean fails() {
        return status > 0;
    }

    /** What makes this fault's answer one the sandbox cannot give, in a sentence; null when it can. */
    String problem() {
        if (status != 0 && (status < 100 || status > 599)) {
            return "status must be an HTTP status (100 to 599), or 0 with delayMillis for a slow success, not " + status;
        }
        if (status == 0 && delayMillis <= 0) {
            return "a fault with no status is a slow success: it needs a positive delayMillis";
        }
        if (delayMillis < 0) {
            return "delayMillis must not be negative";
        }
        if (times < -1) {
            return "times must be how many calls the fault answers (1 or more), or -1 (or absent) for every call until cleared";
        }
        return null;
    }

    public static String httpDate(ZonedDateTime at) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(at);
    }
}
