package io.pushrelay.message;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One device to deliver to, with who it belongs to and Pinpoint's per-target overrides. {@code attempts} counts the
 * provider calls made so far in this attempt chain; {@code firstAttemptAt} is when the chain began.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Target(
        @JsonProperty("ChannelType") ChannelType channel,
        @JsonProperty("Address") String address,
        @JsonProperty("EndpointId") String endpointId,
        @JsonProperty("UserId") String userId,
        @JsonProperty("GroupName") String groupName,
        @JsonProperty("TitleOverride") String titleOverride,
        @JsonProperty("BodyOverride") String bodyOverride,
        @JsonProperty("Substitutions") Map<String, String> substitutions,
        @JsonProperty("RawContent") String rawContent,
        @JsonProperty("Context") Map<String, String> context,
        @JsonProperty("Attempts") int attempts,
        @JsonProperty("FirstAttemptAt") Instant firstAttemptAt) {

    public static Target of(ChannelType channel, String address) {
        return new Target(channel, address, null, null, null, null, null, null, null, null, 0, null);
    }

    public boolean hasOverrides() {
        return titleOverride != null || bodyOverride != null || substitutions != null || rawContent != null || context != null;
    }

    public Target withOverrides(String title, String body, Map<String, String> subs, String raw, Map<String, String> ctx) {
        return new Target(channel, address, endpointId, userId, groupName, title, body, subs, raw, ctx, attempts,
                firstAttemptAt);
    }

    public Target withAddress(String newAddress) {
        return new Target(channel, newAddress, endpointId, userId, groupName, titleOverride, bodyOverride,
                substitutions, rawContent, context, attempts, firstAttemptAt);
    }

    /** The same target after one more provider call. */
    public Target attempted(Instant at) {
        return new Target(channel, address, endpointId, userId, groupName, titleOverride, bodyOverride,
                substitutions, rawContent, context, attempts + 1, firstAttemptAt == null ? at : firstAttemptAt);
    }
}
