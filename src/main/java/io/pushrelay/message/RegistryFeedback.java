package io.pushrelay.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a provider said about an address: it is gone ({@code NewAddress} null), or it has a new one (ADM's
 * canonical registration ID). The registry applies it so the next request skips or uses the new address.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegistryFeedback(@JsonProperty("ChannelType") ChannelType channel,
        @JsonProperty("Address") String address,
        @JsonProperty("NewAddress") String newAddress) {

    public boolean gone() {
        return newAddress == null;
    }
}
