package io.pushrelay.message;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One failed registration ID on {@code push.dead-letters}: why it failed, how often it was tried, and in
 * {@code Payload} the single-target work batch that sends it again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(
        @JsonProperty("DeadLetterId") String deadLetterId,
        @JsonProperty("RequestId") String requestId,
        @JsonProperty("ChannelType") ChannelType channel,
        @JsonProperty("Address") String address,
        @JsonProperty("UserId") String userId,
        @JsonProperty("EndpointId") String endpointId,
        @JsonProperty("GroupName") String groupName,
        @JsonProperty("Reason") String reason,
        @JsonProperty("StatusCode") int statusCode,
        @JsonProperty("StatusMessage") String statusMessage,
        @JsonProperty("Retryable") boolean retryable,
        @JsonProperty("Attempts") int attempts,
        @JsonProperty("FirstAttemptAt") Instant firstAttemptAt,
        @JsonProperty("LastAttemptAt") Instant lastAttemptAt,
        @JsonProperty("Payload") WorkBatch payload) {
}
