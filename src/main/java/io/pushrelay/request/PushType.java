package io.pushrelay.request;

import java.util.Locale;

import io.pushrelay.message.RejectedRequest;

/** The four request shapes of the contract (§4), also the values of the {@code PushType} JMS property. */
public enum PushType {
    USERS, ADDRESSES, GROUP, ALEXA;

    public String property() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PushType fromProperty(String value) throws RejectedRequest {
        for (PushType t : values()) {
            if (t.property().equalsIgnoreCase(value.trim())) {
                return t;
            }
        }
        throw new RejectedRequest("UnknownPushType",
                "PushType '" + value + "' is not one of users, addresses, group or alexa");
    }
}
