package io.pushrelay.message;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A per-provider work message: one request's message for one channel and a batch of its targets. Many targets per
 * message (and per transaction) is what makes durable delivery fast. {@code ReplyWanted} says whether first
 * outcomes must be reported for the request's reply; {@code Chain} names the attempt chain (null for the request's
 * own fan-out, {@code replay:<DeadLetterId>} for a replay).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkBatch(
        @JsonProperty("RequestId") String requestId,
        @JsonProperty("ChannelType") ChannelType channel,
        @JsonProperty("Message") PushMessage message,
        @JsonProperty("Targets") List<Target> targets,
        @JsonProperty("ReplyWanted") boolean replyWanted,
        @JsonProperty("Chain") String chain) {

    public WorkBatch(String requestId, ChannelType channel, PushMessage message, List<Target> targets, boolean replyWanted) {
        this(requestId, channel, message, targets, replyWanted, null);
    }

    public WorkBatch withTargets(List<Target> newTargets) {
        return new WorkBatch(requestId, channel, message, newTargets, replyWanted, chain);
    }

    public WorkBatch inChain(String newChain) {
        return new WorkBatch(requestId, channel, message, targets, false, newChain);
    }
}
