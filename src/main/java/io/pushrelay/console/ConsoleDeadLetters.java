package io.pushrelay.console;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.jms.JMSException;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.broker.MessageBrowsing;
import io.pushrelay.deadletter.DeadLetterReplay;
import io.pushrelay.deadletter.ReplayRequest;
import io.pushrelay.message.ChannelType;
import io.pushrelay.message.Json;
import io.pushrelay.message.RejectedRequest;
import org.apache.camel.Header;

/**
 * The dead letters an operator looks at: those on {@code push.dead-letters} that match a channel, reason and
 * RequestId (the replay's own selector, so that a replay with the same filters takes exactly these) and a time
 * (when the letter was written), newest last, as they are, and as CSV.
 */
public final class ConsoleDeadLetters {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 5000;
    static final List<String> CSV_COLUMNS = List.of("DeadLetterId", "RequestId", "ChannelType", "Address", "UserId",
            "EndpointId", "GroupName", "Reason", "StatusCode", "StatusMessage", "Retryable", "Attempts",
            "FirstAttemptAt", "LastAttemptAt");

    private final MessageBrowsing queues;
    private final String queue;

    public ConsoleDeadLetters(MessageBrowsing queues, String queue) {
        this.queues = queues;
        this.queue = queue;
    }

    /** Up to {@code limit} matching dead letters, each the JSON of §8 as it is on the queue. */
    public List<JsonNode> list(@Header("channel") String channel, @Header("reason") String reason,
            @Header("requestId") String requestId, @Header("from") String from, @Header("to") String to,
            @Header("limit") String limit) throws RejectedRequest, JMSException {
        return bodies(queues.browse(queue, selector(channel, reason, requestId, from, to), limit(limit)));
    }

    /** The JSON bodies of browsed messages (the gateway writes every one of them as JSON text). */
    static List<JsonNode> bodies(List<MessageBrowsing.Browsed> messages) {
        return messages.stream().filter(m -> m.body() != null).map(m -> Json.tree(m.body())).toList();
    }

    /** The same as CSV, one line per dead letter under a header line; the payload is left out. */
    public String csv(@Header("channel") String channel, @Header("reason") String reason,
            @Header("requestId") String requestId, @Header("from") String from, @Header("to") String to,
            @Header("limit") String limit) throws RejectedRequest, JMSException {
        StringBuilder csv = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
        for (JsonNode letter : list(channel, reason, requestId, from, to, limit)) {
            csv.append(CSV_COLUMNS.stream().map(c -> letter.path(c).isMissingNode() || letter.path(c).isNull()
                    ? "" : csvField(letter.path(c).asText())).collect(Collectors.joining(","))).append("\r\n");
        }
        return csv.toString();
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
    static String csvField(String value) {
        return value.matches("(?s).*[\",\r\n].*") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    static String selector(String channel, String reason, String requestId, String from, String to) throws RejectedRequest {
        if (present(channel) && ChannelType.parse(channel) == null) {
            throw new RejectedRequest("UnsupportedChannel", "Channel must be " + ChannelType.listed() + ", not " + channel);
        }
        String filters = DeadLetterReplay.selector(new ReplayRequest(blankToNull(channel), blankToNull(reason),
                blankToNull(requestId), null, false, false, false));
        List<String> terms = new ArrayList<>();
        if (filters != null) {
            terms.add(filters);
        }
        if (present(from)) {
            terms.add("JMSTimestamp >= " + instant(from, "from").toEpochMilli());
        }
        if (present(to)) {
            terms.add("JMSTimestamp <= " + instant(to, "to").toEpochMilli());
        }
        return terms.isEmpty() ? null : String.join(" AND ", terms);
    }

    private static int limit(String limit) throws RejectedRequest {
        if (!present(limit)) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(limit.trim());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new RejectedRequest("InvalidField", "limit must be a number from 1 to " + MAX_LIMIT + ", not " + limit);
    }

    private static Instant instant(String value, String name) throws RejectedRequest {
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new RejectedRequest("InvalidField", name + " must be an ISO-8601 instant such as 2026-12-01T09:00:00Z, not " + value);
        }
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String blankToNull(String value) {
        return present(value) ? value.trim() : null;
    }
}
