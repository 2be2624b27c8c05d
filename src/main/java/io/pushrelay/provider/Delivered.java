package io.pushrelay.provider;

import java.util.List;

import io.pushrelay.message.Report;
import io.pushrelay.message.WorkMessage;

/**
 * What one delivery of a work message decided, for the delivery route to send in one transaction: the report of the
 * targets that reached a final outcome (and of the first outcomes a reply waits for), and the targets to try again,
 * each batch due at a time of its own.
 */
public record Delivered(Report report, List<Retry> retries) {

    /** What the deliveries of a work message's batches decided, sent together. */
    public static Delivered together(List<Delivered> each) {
        return new Delivered(Report.together(each.stream().map(Delivered::report).toList()),
                each.stream().flatMap(d -> d.retries().stream()).toList());
    }

    /** Targets to try again, held back on the broker until {@code dueAt} (epoch milliseconds). */
    public record Retry(WorkMessage work, long dueAt) {
    }
}
