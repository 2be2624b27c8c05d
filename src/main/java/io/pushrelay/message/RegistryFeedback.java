package io.pushrelay.message;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a provider said about an address: it is gone ({@code NewAddress} null), or it has a new one (ADM's
 * canonical registration ID). The registry applies it so the next request skips or uses the new address.
 * {@code GoneSince} is when the provider says a gone address stopped working (APNs' 410 timestamp): an endpoint
 * registered again after that keeps its status.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegistryFeedback(@JsonProperty("ChannelType") ChannelType channel,
        @JsonProperty("Address") String address,
        @JsonProperty("NewAddress") String newAddress,
        @JsonProperty("GoneSince") Instant goneSince) {

    public boolean gone() {
        return newAddress == null;
    }
}
