package io.pushrelay.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What a stage reports of the targets it settled, in one transaction: one result per target ({@code push.results}),
 * a dead letter per failed target ({@code push.dead-letters}), what providers said about addresses for the registry
 * ({@code push.registry-feedback}), and first outcomes for the replies that wait for them ({@code push.outcomes}).
 * The shared {@code report} route (publish.camel.yaml) publishes it; the stage names no queue.
 */
public record Report(List<EndpointResult> results, List<DeadLetter> deadLetters, List<RegistryFeedback> feedback,
        List<FirstOutcomes> firstOutcomes) {

    /** Several stages' reports as one. */
    public static Report together(List<Report> reports) {
        if (reports.size() == 1) {
            return reports.get(0);
        }
        Builder all = new Builder();
        for (Report r : reports) {
            all.results.addAll(r.results());
            all.deadLetters.addAll(r.deadLetters());
            all.feedback.addAll(r.feedback());
            all.firstOutcomes.addAll(r.firstOutcomes());
        }
        return all.build();
    }

    /** Collects a stage's report as it goes. */
    public static final class Builder {

        private final List<EndpointResult> results = new ArrayList<>();
        private final List<DeadLetter> deadLetters = new ArrayList<>();
        private final List<RegistryFeedback> feedback = new ArrayList<>();
        private final List<FirstOutcomes> firstOutcomes = new ArrayList<>();

        public Builder result(EndpointResult result) {
            results.add(result);
            return this;
        }

        /**
         * A dead letter for a target that ended in failure: {@code reason} is the provider's or ours, {@code retryable}
         * false for permanent failures. Its payload is the target alone, with a fresh attempt count.
         */
        public Builder deadLetter(String requestId, PushMessage message, Target tried, String reason, int statusCode,
                String statusMessage, boolean retryable, Instant now) {
            Target again = new Target(tried.channel(), tried.address(), tried.endpointId(), tried.userId(),
                    tried.groupName(), tried.titleOverride(), tried.bodyOverride(), tried.substitutions(),
                    tried.rawContent(), tried.context(), 0, null);
            deadLetters.add(new DeadLetter(UUID.randomUUID().toString(), requestId, tried.channel(), tried.address(),
                    tried.userId(), tried.endpointId(), tried.groupName(), reason, statusCode, statusMessage, retryable,
                    tried.attempts(), tried.firstAttemptAt() != null ? tried.firstAttemptAt() : now, now,
                    new WorkBatch(requestId, tried.channel(), message, List.of(again), false)));
            return this;
        }

        public Builder feedback(RegistryFeedback said) {
            feedback.add(said);
            return this;
        }

        public Builder firstOutcomes(String requestId, List<EndpointResult> outcomes) {
            firstOutcomes.add(new FirstOutcomes(requestId, List.copyOf(outcomes)));
            return this;
        }

        public Report build() {
            return new Report(List.copyOf(results), List.copyOf(deadLetters), List.copyOf(feedback),
                    List.copyOf(firstOutcomes));
        }
    }
}
