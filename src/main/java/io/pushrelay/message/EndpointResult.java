package io.pushrelay.message;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One target's outcome, with Pinpoint's EndpointMessageResult names: what {@code push.results} carries. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointResult(
        @JsonProperty("RequestId") String requestId,
        @JsonProperty("UserId") String userId,
        @JsonProperty("EndpointId") String endpointId,
        @JsonProperty("GroupName") String groupName,
        @JsonProperty("ChannelType") ChannelType channel,
        @JsonProperty("Address") String address,
        @JsonProperty("DeliveryStatus") DeliveryStatus deliveryStatus,
        @JsonProperty("StatusCode") int statusCode,
        @JsonProperty("StatusMessage") String statusMessage,
        @JsonProperty("MessageId") String messageId,
        @JsonProperty("UpdatedToken") String updatedToken,
        @JsonProperty("Attempts") Integer attempts,
        @JsonProperty("Timestamp") Instant timestamp) {

    public static EndpointResult of(String requestId, Target target, DeliveryStatus status, int code, String message,
            String messageId, String updatedToken, Instant at) {
        return new EndpointResult(requestId, target.userId(), target.endpointId(), target.groupName(), target.channel(),
                target.address(), status, code, message, messageId, updatedToken, target.attempts(), at);
    }

    /** The same outcome marked as not final yet: a retry is scheduled. */
    public EndpointResult retryScheduled() {
        return new EndpointResult(requestId, userId, endpointId, groupName, channel, address, deliveryStatus,
                statusCode, (statusMessage == null ? "" : statusMessage + "; ") + "retry scheduled", messageId,
                updatedToken, attempts, timestamp);
    }
}
