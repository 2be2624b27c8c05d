package io.pushrelay.deadletter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A replay request, the JSON on {@code push.replay} (contract §8): filters, a limit, and whether to only count,
 * include permanent failures, or force.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplayRequest(
        @JsonProperty("Channel") String channel,
        @JsonProperty("Reason") String reason,
        @JsonProperty("RequestId") String requestId,
        @JsonProperty("Limit") Integer limit,
        @JsonProperty("DryRun") boolean dryRun,
        @JsonProperty("IncludePermanent") boolean includePermanent,
        @JsonProperty("Force") boolean force) {
}
