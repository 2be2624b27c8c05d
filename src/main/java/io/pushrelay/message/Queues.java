package io.pushrelay.message;

import io.pushrelay.config.Settings;

/** The queue names the stages publish to: the contract's configurable ones and the gateway's internal ones. */
public record Queues(String results, String deadLetters, String invalid, String outcomes, String registryFeedback,
        String workPrefix) {

    public static Queues from(Settings settings) {
        return new Queues(settings.queue("results"), settings.queue("dead-letters"), settings.queue("invalid"),
                "push.outcomes", "push.registry-feedback", "push.work.");
    }

    public String work(String provider) {
        return workPrefix + provider;
    }
}
