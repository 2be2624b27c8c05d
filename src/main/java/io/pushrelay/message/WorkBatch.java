package io.pushrelay.message;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A per-provider work message: one request's message for one channel and a batch of its targets. Many targets per
 * message (and per transaction) is what makes durable delivery fast. {@code ReplyWanted} says whether first
 * outcomes must be reported for the request's reply.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkBatch(
        @JsonProperty("RequestId") String requestId,
        @JsonProperty("ChannelType") ChannelType channel,
        @JsonProperty("Message") PushMessage message,
        @JsonProperty("Targets") List<Target> targets,
        @JsonProperty("ReplyWanted") boolean replyWanted) {

    public WorkBatch withTargets(List<Target> newTargets) {
        return new WorkBatch(requestId, channel, message, newTargets, replyWanted);
    }
}
