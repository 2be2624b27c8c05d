package io.pushrelay.message;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The continuation of a group send: fan out the members of {@code GroupName} after endpoint {@code After}, one page
 * per transaction, so that a group of any size is sent with bounded memory and bounded transactions.
 * {@code Emitted} counts the targets sent to work queues so far, {@code Settled} those settled at intake.
 */
public record GroupPage(
        @JsonProperty("RequestId") String requestId,
        @JsonProperty("GroupName") String groupName,
        @JsonProperty("Messages") Map<ChannelType, PushMessage> messages,
        @JsonProperty("After") String after,
        @JsonProperty("Emitted") long emitted,
        @JsonProperty("Settled") int settled,
        @JsonProperty("Expected") long expected,
        @JsonProperty("ReplyWanted") boolean replyWanted) {

    public GroupPage next(String lastEndpointId, int pageSize) {
        return new GroupPage(requestId, groupName, messages, lastEndpointId, emitted + pageSize, settled, expected, replyWanted);
    }
}
