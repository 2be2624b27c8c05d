package io.pushrelay.message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers to the messages of request-reply queues, and what happens to input that is rejected: the received message
 * goes to {@code push.invalid} unchanged (its body byte for byte and of its type, the sender's properties) with
 * {@code Reason} and {@code ReasonText} added, and its sender, if it asked, gets {@code {"Reason", "ReasonText"}}
 * back with {@code JMSCorrelationID} set.
 */
public final class Replies {

    private Replies() {
    }

    /** An operation of a request-reply queue: its answer, or a {@link RejectedRequest}. */
    @FunctionalInterface
    public interface Operation {
        Object apply(String body) throws Exception;
    }

    /** Runs an operation on the request's text and answers its sender; rejected input goes to {@code invalidQueue}. */
    public static List<Outbound> answerOrReject(String invalidQueue, Envelope request, Operation operation)
            throws Exception {
        Object answer;
        try {
            answer = operation.apply(request.body());
        } catch (RejectedRequest rejection) {
            return rejected(invalidQueue, request, rejection, null);
        }
        return request.replyTo() == null ? List.of() : List.of(answer(request.replyTo(), request.correlationId(), answer));
    }

    public static Outbound answer(String replyTo, String correlationId, Object body) {
        return Outbound.of(replyTo, body).with("JMSCorrelationID", correlationId);
    }

    public static List<Outbound> rejected(String invalidQueue, Envelope request, RejectedRequest rejection,
            String requestId) {
        List<Outbound> out = new ArrayList<>();
        out.add(Outbound.kept(invalidQueue, request.original())
                .with("Reason", rejection.reason())
                .with("ReasonText", rejection.getMessage())
                .with("RequestId", requestId));
        if (request.replyTo() != null) {
            Map<String, String> reply = new LinkedHashMap<>();
            reply.put("Reason", rejection.reason());
            reply.put("ReasonText", rejection.getMessage());
            if (requestId != null) {
                reply.put("RequestId", requestId);
            }
            out.add(answer(request.replyTo(), request.correlationId(), reply));
        }
        return out;
    }
}
