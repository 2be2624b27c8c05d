package io.pushrelay.registry;

import java.util.List;

import io.pushrelay.message.EndpointResult;
import io.pushrelay.message.Target;

/**
 * Who a request reaches: the targets to deliver to (a group's are read in pages as they are iterated, never all
 * at once), how many there are, and the outcomes already settled without a provider call (opted out, duplicate,
 * unknown user).
 */
public record Resolution(Iterable<Target> deliverable, long deliverableCount, List<EndpointResult> settled) {

    public static Resolution of(List<Target> targets) {
        return new Resolution(targets, targets.size(), List.of());
    }
}
