package io.pushrelay.message;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The messages every stage publishes the same way: results (one per target, with the selector properties),
 * dead letters (one per failed target, with the work batch that sends it again) and first outcomes for replies.
 */
public final class Publications {

    private final Queues queues;

    public Publications(Queues queues) {
        this.queues = queues;
    }

    public Queues queues() {
        return queues;
    }

    public Outbound result(EndpointResult result) {
        return Outbound.of(queues.results(), result)
                .with("RequestId", result.requestId())
                .with("ChannelType", result.channel())
                .with("DeliveryStatus", result.deliveryStatus());
    }

    /**
     * A dead letter for a target that ended in failure: {@code reason} is the provider's or ours, {@code retryable}
     * false for permanent failures. Its payload is the target alone, with a fresh attempt count.
     */
    public Outbound deadLetter(String requestId, PushMessage message, Target tried, String reason, int statusCode,
            String statusMessage, boolean retryable, Instant now) {
        Target again = new Target(tried.channel(), tried.address(), tried.endpointId(), tried.userId(),
                tried.groupName(), tried.titleOverride(), tried.bodyOverride(), tried.substitutions(),
                tried.rawContent(), tried.context(), 0, null);
        DeadLetter letter = new DeadLetter(UUID.randomUUID().toString(), requestId, tried.channel(), tried.address(),
                tried.userId(), tried.endpointId(), tried.groupName(), reason, statusCode, statusMessage, retryable,
                tried.attempts(), tried.firstAttemptAt() != null ? tried.firstAttemptAt() : now, now,
                new WorkBatch(requestId, tried.channel(), message, List.of(again), false));
        return Outbound.of(queues.deadLetters(), letter)
                .with("DeadLetterId", letter.deadLetterId())
                .with("RequestId", requestId)
                .with("ChannelType", tried.channel())
                .with("Reason", reason)
                .with("Retryable", retryable);
    }

    public Outbound feedback(RegistryFeedback feedback) {
        return Outbound.of(queues.registryFeedback(), feedback).with("ChannelType", feedback.channel());
    }

    public Outbound firstOutcomes(String requestId, List<EndpointResult> results) {
        return Outbound.of(queues.outcomes(), new FirstOutcomes(requestId, results)).with("RequestId", requestId);
    }
}
