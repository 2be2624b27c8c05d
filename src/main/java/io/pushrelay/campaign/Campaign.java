package io.pushrelay.campaign;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** A scheduled campaign (contract §7): when it fires, whom it reaches, what it says, and whether it is on. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Campaign(
        @JsonProperty("CampaignId") String campaignId,
        @JsonProperty("Schedule") Schedule schedule,
        @JsonProperty("Target") Target target,
        @JsonProperty("MessageConfiguration") JsonNode messageConfiguration,
        @JsonProperty("Enabled") Boolean enabled) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Schedule(@JsonProperty("Cron") String cron, @JsonProperty("TimeZone") String timeZone,
            @JsonProperty("StartTime") String startTime, @JsonProperty("EndTime") String endTime) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Target(@JsonProperty("GroupName") String groupName, @JsonProperty("UserIds") List<String> userIds) {
    }

    public boolean isEnabled() {
        return enabled == null || enabled;
    }
}
