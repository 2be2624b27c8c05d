package io.pushrelay.message;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A message on one provider's work queue ({@code push.work.<provider>}): work batches of one or more requests, whose
 * calls are made together and whose outcomes are reported in one transaction. Small requests share a work message,
 * so that a durable commit is paid for many of them.
 */
public record WorkMessage(
        @JsonProperty("Provider") String provider,
        @JsonProperty("Batches") List<WorkBatch> batches) {

    public static WorkMessage of(WorkBatch batch) {
        return new WorkMessage(batch.channel().provider(), List.of(batch));
    }

    /** The request whose work this is, when it is one request's; null for the work of several. */
    public String requestId() {
        String first = batches.get(0).requestId();
        return batches.stream().allMatch(b -> b.requestId().equals(first)) ? first : null;
    }

    /** The channel of every batch, when they share one; null otherwise. */
    public ChannelType channel() {
        ChannelType first = batches.get(0).channel();
        return batches.stream().allMatch(b -> b.channel().equals(first)) ? first : null;
    }

    public int targetCount() {
        return batches.stream().mapToInt(b -> b.targets().size()).sum();
    }
}
