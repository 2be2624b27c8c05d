package io.pushrelay.registry;

import java.util.List;

import io.pushrelay.message.EndpointResult;
import io.pushrelay.message.Target;

/**
 * Who a request reaches: the targets to deliver to, how many there are, and the outcomes already settled without a
 * provider call (opted out, duplicate, unknown user). For a group, {@code pagedGroup} names it and its members are
 * not listed here: the fan-out stage reads them page by page.
 */
public record Resolution(List<Target> deliverable, long deliverableCount, List<EndpointResult> settled, String pagedGroup) {

    public static Resolution of(List<Target> targets) {
        return new Resolution(targets, targets.size(), List.of(), null);
    }

    public static Resolution of(List<Target> targets, List<EndpointResult> settled) {
        return new Resolution(targets, targets.size(), settled, null);
    }
}
