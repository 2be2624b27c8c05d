package io.pushrelay.registry;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.pushrelay.message.ChannelType;

/** Pinpoint's endpoint: one device of one channel, maybe of a user, with its opt-out and status. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Endpoint(
        @JsonProperty("EndpointId") String endpointId,
        @JsonProperty("ChannelType") ChannelType channel,
        @JsonProperty("Address") String address,
        @JsonProperty("User") User user,
        @JsonProperty("OptOut") String optOut,
        @JsonProperty("EndpointStatus") String endpointStatus,
        @JsonProperty("Attributes") Map<String, List<String>> attributes) {

    public static final String ACTIVE = "ACTIVE";
    public static final String INACTIVE = "INACTIVE";
    public static final String OPT_OUT_NONE = "NONE";
    public static final String OPT_OUT_ALL = "ALL";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record User(@JsonProperty("UserId") String userId) {
    }

    public String userId() {
        return user == null ? null : user.userId();
    }

    public boolean active() {
        return ACTIVE.equals(endpointStatus);
    }

    public boolean optedOut() {
        return OPT_OUT_ALL.equals(optOut);
    }
}
