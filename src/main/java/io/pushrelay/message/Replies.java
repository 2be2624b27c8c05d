package io.pushrelay.message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.jms.JMSException;
import jakarta.jms.Queue;

/**
 * Answers to the messages of request-reply queues, and what happens to input that is rejected: it goes to
 * {@code push.invalid} unchanged with its {@code Reason} and {@code ReasonText}, and its sender, if it asked,
 * gets {@code {"Reason", "ReasonText"}} back with {@code JMSCorrelationID} set.
 */
public final class Replies {

    private Replies() {
    }

    /** The queue of a JMSReplyTo header (a Destination, or its name). */
    public static String queueName(Object replyTo) throws JMSException {
        if (replyTo instanceof Queue queue) {
            return queue.getQueueName();
        }
        return replyTo instanceof String s && !s.isBlank() ? s : null;
    }

    /** An operation of a request-reply queue: its answer, or a {@link RejectedRequest}. */
    @FunctionalInterface
    public interface Operation {
        Object apply(String body) throws Exception;
    }

    /** Runs an operation and answers its sender; rejected input goes to {@code invalidQueue} as well. */
    public static List<Outbound> answerOrReject(String invalidQueue, String body, String jmsMessageId, Object replyTo,
            String correlationId, Operation operation) throws Exception {
        String replyQueue = queueName(replyTo);
        String correlation = correlationId != null ? correlationId : jmsMessageId;
        Object answer;
        try {
            answer = operation.apply(body);
        } catch (RejectedRequest rejection) {
            return rejected(invalidQueue, body, rejection, replyQueue, correlation, null);
        }
        return replyQueue == null ? List.of() : List.of(answer(replyQueue, correlation, answer));
    }

    public static Outbound answer(String replyQueue, String correlationId, Object body) {
        return Outbound.of(replyQueue, body).with("JMSCorrelationID", correlationId);
    }

    public static List<Outbound> rejected(String invalidQueue, String body, RejectedRequest rejection, String replyQueue,
            String correlationId, String requestId) {
        List<Outbound> out = new ArrayList<>();
        out.add(Outbound.of(invalidQueue, body == null ? "" : body)
                .with("Reason", rejection.reason())
                .with("ReasonText", rejection.getMessage())
                .with("RequestId", requestId));
        if (replyQueue != null) {
            Map<String, String> reply = new LinkedHashMap<>();
            reply.put("Reason", rejection.reason());
            reply.put("ReasonText", rejection.getMessage());
            if (requestId != null) {
                reply.put("RequestId", requestId);
            }
            out.add(answer(replyQueue, correlationId, reply));
        }
        return out;
    }
}
