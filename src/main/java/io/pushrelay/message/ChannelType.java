package io.pushrelay.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A channel the gateway serves, with Pinpoint's name (ADM, GCM, ALEXA, …) and the provider it maps to. The channels
 * served are the ones the provider plug-ins declare, found once through {@link Catalog} services; the constants are
 * the channels the contract's own request shapes name (ADM's group API, FCM device groups, the Alexa recipients).
 */
public final class ChannelType {

    public static final ChannelType ADM = new ChannelType("ADM", "adm");
    public static final ChannelType GCM = new ChannelType("GCM", "fcm");
    public static final ChannelType ALEXA = new ChannelType("ALEXA", "alexa");

    /** Where the channels come from (the provider plug-ins); message knows nothing of them but this. */
    public interface Catalog {
        List<ChannelType> channels();
    }

    /** Found on first use, not when the constants are made: the plug-ins name the constants. */
    private static final class Served {
        static final Map<String, ChannelType> BY_NAME = discover();
    }

    private final String name;
    private final String provider;

    private ChannelType(String name, String provider) {
        this.name = name;
        this.provider = provider;
    }

    /** A channel as a provider plug-in declares it: {@code of("APNS", "apns")}. */
    public static ChannelType of(String name, String provider) {
        return new ChannelType(name.toUpperCase(Locale.ROOT), provider);
    }

    /** The Pinpoint ChannelType value: ADM, GCM, ALEXA. */
    @JsonValue
    public String name() {
        return name;
    }

    /** adm, fcm or alexa: the name of the provider's package, work queue and configuration keys. */
    public String provider() {
        return provider;
    }

    /** The channel for a Pinpoint ChannelType value, or null when no provider plug-in serves it. */
    @JsonCreator
    public static ChannelType parse(String value) {
        return value == null ? null : Served.BY_NAME.get(value.toUpperCase(Locale.ROOT));
    }

    /** Every channel served, in the order the plug-ins declare them. */
    public static List<ChannelType> served() {
        return List.copyOf(Served.BY_NAME.values());
    }

    /** The channels served as a sentence's list: "ADM, GCM or ALEXA". */
    public static String listed() {
        List<String> names = new ArrayList<>(Served.BY_NAME.keySet());
        if (names.size() < 2) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static Map<String, ChannelType> discover() {
        Map<String, ChannelType> served = new LinkedHashMap<>();
        for (Catalog catalog : ServiceLoader.load(Catalog.class, ChannelType.class.getClassLoader())) {
            catalog.channels().forEach(channel -> served.put(channel.name, channel));
        }
        return Collections.unmodifiableMap(served);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChannelType that && name.equals(that.name) && provider.equals(that.provider);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, provider);
    }

    @Override
    public String toString() {
        return name;
    }
}
