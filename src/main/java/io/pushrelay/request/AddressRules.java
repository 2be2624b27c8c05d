package io.pushrelay.request;

import io.pushrelay.message.ChannelType;
import io.pushrelay.plugin.ProviderPlugins;

/**
 * What a device address of each channel looks like (each provider plug-in's rule) and what no provider could be given;
 * a malformed one is refused before it reaches the registry.
 */
public final class AddressRules {

    private AddressRules() {
    }

    public static boolean valid(ChannelType channel, String address) {
        return ProviderPlugins.rule(channel).valid(address);
    }

    public static String describe(ChannelType channel) {
        return ProviderPlugins.rule(channel).description();
    }

    /**
     * What makes a string no provider can be given malformed, as a phrase ("holds the control character U+0000 at
     * index 3"), or null when it is well formed. Malformed: empty, or holding a control character (C0, DEL, C1), half
     * of a surrogate pair, or U+FFFD (what stands where a decoder met bytes that were not UTF-8). Such an address is
     * never "repaired" into another one: it fails.
     */
    public static String malformed(String value) {
        if (value == null || value.isEmpty()) {
            return "is empty";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x1F || (c >= 0x7F && c <= 0x9F)) {
                return String.format("holds the control character U+%04X at index %d", (int) c, i);
            }
            if (c == '\uFFFD') {
                return "holds U+FFFD at index " + i + ", the mark of bytes that were not UTF-8";
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("holds a lone surrogate U+%04X at index %d", (int) c, i);
            }
        }
        return null;
    }
}
