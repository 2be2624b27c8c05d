package io.pushrelay.registry;

import java.util.Map;
import java.util.regex.Pattern;

import io.pushrelay.message.ChannelType;

/** What a device address of each channel looks like; a malformed one is refused before it reaches the registry. */
public final class AddressRules {

    private static final Map<ChannelType, Pattern> RULES = Map.of(
            ChannelType.ADM, Pattern.compile("amzn1\\.adm-registration\\.v[1-9]\\.[A-Za-z0-9+/=_.\\-]{8,1000}"),
            ChannelType.GCM, Pattern.compile("[A-Za-z0-9_:\\-]{20,1024}"),
            ChannelType.ALEXA, Pattern.compile("amzn1\\.[a-z]+\\.unit\\.[A-Za-z0-9._\\-]{4,1000}"));

    private static final Map<ChannelType, String> DESCRIPTIONS = Map.of(
            ChannelType.ADM, "an ADM registration ID (amzn1.adm-registration.v3.…)",
            ChannelType.GCM, "an FCM registration token (20 to 1024 letters, digits, '_', ':' or '-')",
            ChannelType.ALEXA, "an Alexa unit ID (amzn1.alexa.unit.did.…)");

    private AddressRules() {
    }

    public static boolean valid(ChannelType channel, String address) {
        return address != null && RULES.get(channel).matcher(address).matches();
    }

    public static String describe(ChannelType channel) {
        return DESCRIPTIONS.get(channel);
    }
}
