package io.pushrelay.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a configuration value must look like: null when the value is fine, else the problem. The common shapes are
 * here; a part with a shape of its own (a provider plug-in's grant types) makes it with {@link #oneOf}.
 */
@FunctionalInterface
public interface SettingRule {

    String check(String value);

    Pattern DURATION_PATTERN = Pattern.compile("(\\d+)(ms|s|m|h)");

    SettingRule BOOLEAN = value -> value.equals("true") || value.equals("false") ? null : "expected true or false";
    SettingRule PORT = value -> {
        Integer port = parseInt(value);
        return port != null && port >= 0 && port <= 65535 ? null : "expected a port number from 0 to 65535";
    };
    SettingRule POSITIVE_INT = value -> {
        Integer n = parseInt(value);
        return n != null && n > 0 ? null : "expected a whole number greater than 0";
    };
    SettingRule NON_NEGATIVE_INT = value -> {
        Integer n = parseInt(value);
        return n != null && n >= 0 ? null : "expected a whole number, 0 or more";
    };
    SettingRule OPTIONAL_POSITIVE_INT = value -> value.isEmpty() ? null : POSITIVE_INT.check(value);
    SettingRule DURATION = value -> DURATION_PATTERN.matcher(value).matches()
            ? null : "expected a duration such as 500ms, 1s, 10m or 1h";
    SettingRule OPTIONAL_DURATION = value -> value.isEmpty() ? null : DURATION.check(value);
    SettingRule HTTP_URL = value -> {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean ok = (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
            return ok ? null : "expected an http:// or https:// URL";
        } catch (Exception e) {
            return "expected an http:// or https:// URL";
        }
    };
    SettingRule OPTIONAL_HTTP_URL = value -> value.isEmpty() ? null : HTTP_URL.check(value);
    SettingRule BROKER_URL = value -> value.matches("^\\(?(tcp|vm|ssl)://.+")
            ? null : "expected a broker URL such as tcp://127.0.0.1:61616";
    SettingRule JDBC_URL = value -> value.startsWith("jdbc:h2:") || value.startsWith("jdbc:postgresql:")
            ? null : "expected a jdbc:h2:… or jdbc:postgresql:… URL";
    SettingRule QUEUE_NAME = value -> value.matches("[A-Za-z0-9._-]+")
            ? null : "expected a queue name of letters, digits, '.', '_' or '-'";
    SettingRule BROKER_PROTOCOLS = value -> {
        List<String> known = List.of("CORE", "AMQP", "OPENWIRE", "STOMP", "MQTT");
        List<String> given = List.of(value.split(","));
        boolean ok = given.contains("CORE") && given.stream().allMatch(known::contains);
        return ok ? null : "expected a comma-separated list of " + String.join(", ", known) + " that includes CORE";
    };
    SettingRule MISFIRE = oneOf("fire-once-now", "skip");
    SettingRule IN_FLIGHT_AT_CRASH = oneOf("resend", "dead-letter");
    SettingRule LOCALE = value -> value.matches("[a-z]{2}-[A-Z]{2}") ? null : "expected a locale such as en-US";
    SettingRule TEXT = value -> null;
    /** Like TEXT, but never printed. */
    SettingRule SECRET = value -> null;

    /** One of the given words: "expected a, b or c" otherwise. */
    static SettingRule oneOf(String... words) {
        List<String> allowed = List.of(words);
        String expected = allowed.size() == 1 ? allowed.get(0)
                : String.join(", ", allowed.subList(0, allowed.size() - 1)) + " or " + allowed.get(allowed.size() - 1);
        return value -> allowed.contains(value) ? null : "expected " + expected;
    }

    private static Integer parseInt(String value) {
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
