package io.pushrelay.plugin;

import java.util.regex.Pattern;

import io.pushrelay.message.ChannelType;

/** A channel a provider serves, what its device addresses look like, and how a rejection describes them. */
public record ChannelRule(ChannelType channel, Pattern address, String description) {

    public boolean valid(String address) {
        return address != null && this.address.matcher(address).matches();
    }
}
