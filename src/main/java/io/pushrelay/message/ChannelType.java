package io.pushrelay.message;

import java.util.Locale;

/** The channels the gateway serves, with Pinpoint's names (FCM is GCM) and the provider each maps to. */
public enum ChannelType {
    ADM("adm"), GCM("fcm"), ALEXA("alexa");

    private final String provider;

    ChannelType(String provider) {
        this.provider = provider;
    }

    /** adm, fcm or alexa: the name of the provider's package, work queue and configuration keys. */
    public String provider() {
        return provider;
    }

    /** The channel for a Pinpoint ChannelType value, or null when the gateway does not serve it. */
    public static ChannelType parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
