package io.pushrelay.provider;

import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.http.HttpAnswer;
import io.pushrelay.message.DeliveryStatus;
import io.pushrelay.message.Json;

/** What every provider's classifier needs: Retry-After in both forms, JSON bodies that may not be JSON, transport errors. */
public final class AnswerParsing {

    private AnswerParsing() {
    }

    /** {@code Retry-After} as seconds or as an HTTP date (RFC 7231); null when absent or unreadable. */
    public static Duration retryAfter(HttpAnswer answer, Instant now) {
        String value = answer.header("Retry-After");
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The body as JSON, or null when it is not JSON (an HTML error page from a proxy, an empty body). */
    public static JsonNode json(HttpAnswer answer) {
        if (!answer.isJson()) {
            return null;
        }
        try {
            return Json.tree(answer.body());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A call that got no answer: a timeout, or a connection that could not be made or broke. */
    public static Classification transportFailure(Exception error) {
        Throwable cause = error;
        while (cause != null) {
            if (cause instanceof SocketTimeoutException || cause instanceof HttpTimeoutException
                    || cause.getClass().getSimpleName().contains("Timeout")) {
                return Classification.failure(DeliveryStatus.TIMEOUT, 408, "Timeout",
                        "no answer in time: " + cause.getMessage());
            }
            cause = cause.getCause();
        }
        return Classification.failure(DeliveryStatus.TEMPORARY_FAILURE, 503, "ConnectionFailed",
                error.getClass().getSimpleName() + ": " + error.getMessage());
    }

    /** A status the provider documents no reason for: 5xx and 429 are retried, other codes are not. */
    public static Classification byStatus(int status, String reason, String message) {
        if (status == 429) {
            return Classification.failure(DeliveryStatus.THROTTLED, status, reason, message);
        }
        if (status >= 500) {
            return Classification.failure(DeliveryStatus.TEMPORARY_FAILURE, status, reason, message);
        }
        return Classification.failure(DeliveryStatus.PERMANENT_FAILURE, status, reason, message);
    }
}
