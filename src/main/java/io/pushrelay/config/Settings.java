package io.pushrelay.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * The gateway's configuration: every {@code pushrelay.*} key of the contract, resolved once with the contract's
 * precedence (explicit overrides, then -D system properties, then environment variables, then
 * application.properties) and validated. The CLI and the Camel routes read the same values.
 */
public final class Settings {

    public static final String PREFIX = "pushrelay.";
    private static final String[] PROVIDERS = {"adm", "fcm", "alexa"};

    private static final Map<String, SettingRule> RULES = rules();

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** Resolves every key from the real environment, the system properties and the bundled defaults. */
    public static Settings load(Map<String, String> overrides) {
        return resolve(bundledDefaults(), System.getenv(), systemProperties(), overrides);
    }

    /** Resolution with explicit sources, lowest precedence first; also what the unit tests call. */
    static Settings resolve(Map<String, String> file, Map<String, String> env, Map<String, String> system,
            Map<String, String> overrides) {
        Map<String, String> values = new TreeMap<>();
        for (Map<String, String> source : java.util.List.of(file, system, overrides)) {
            source.keySet().stream().filter(k -> k.startsWith(PREFIX)).filter(k -> !RULES.containsKey(k)).findFirst()
                    .ifPresent(k -> {
                        throw new InvalidSettingException(k, "unknown key (see application.properties for the known ones)");
                    });
        }
        for (String key : RULES.keySet()) {
            String value = firstOf(key, overrides, system, env, file);
            if (value == null) {
                throw new InvalidSettingException(key, "no value and no default");
            }
            values.put(key, value.trim());
        }
        Settings settings = new Settings(values);
        settings.validate();
        return settings;
    }

    /** A copy with some keys replaced, validated again (the sandbox uses it to point providers at itself). */
    public Settings with(Map<String, String> replacements) {
        Map<String, String> copy = new TreeMap<>(values);
        replacements.forEach((key, value) -> {
            if (!RULES.containsKey(key)) {
                throw new InvalidSettingException(key, "unknown key");
            }
            copy.put(key, value);
        });
        Settings settings = new Settings(copy);
        settings.validate();
        return settings;
    }

    private static String firstOf(String key, Map<String, String> overrides, Map<String, String> system,
            Map<String, String> env, Map<String, String> file) {
        if (overrides.containsKey(key)) {
            return overrides.get(key);
        }
        if (system.containsKey(key)) {
            return system.get(key);
        }
        String envName = environmentName(key);
        if (env.containsKey(envName)) {
            return env.get(envName);
        }
        return file.get(key);
    }

    /** {@code pushrelay.adm.client-secret} is read from {@code PUSHRELAY_ADM_CLIENT_SECRET}. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private void validate() {
        values.forEach((key, value) -> {
            String problem = RULES.get(key).check(value);
            if (problem != null) {
                String shown = RULES.get(key) == SettingRule.SECRET ? "***" : value;
                throw new InvalidSettingException(key, "'" + shown + "' — " + problem);
            }
        });
        if (bool("pushrelay.broker.embedded") && !get("pushrelay.broker.url").matches("tcp://[^,()]+:\\d+")) {
            throw new InvalidSettingException("pushrelay.broker.url",
                    "the embedded broker listens on a single tcp://host:port address, not '" + get("pushrelay.broker.url") + "'");
        }
    }

    public String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("Not a configuration key: " + key);
        }
        return value;
    }

    public boolean bool(String key) {
        return Boolean.parseBoolean(get(key));
    }

    public int integer(String key) {
        return Integer.parseInt(get(key));
    }

    public Duration duration(String key) {
        return parseDuration(get(key));
    }

    public Path path(String key) {
        return Path.of(get(key));
    }

    public String queue(String name) {
        return get(PREFIX + "queue." + name);
    }

    /** A per-provider key ({@code pushrelay.fcm.retry.max-attempts}) when set, else the global one. */
    public String perProvider(String provider, String suffix) {
        String own = get(PREFIX + provider + "." + suffix);
        return own.isEmpty() ? get(PREFIX + suffix) : own;
    }

    /** A provider that is switched on cannot run without these keys (credentials): say which one is missing. */
    public void requireWhenEnabled(String provider, String... keys) {
        if (!bool(PREFIX + provider + ".enabled")) {
            return;
        }
        for (String key : keys) {
            if (get(key).isEmpty()) {
                throw new InvalidSettingException(key, "required while " + PREFIX + provider + ".enabled=true");
            }
        }
    }

    public boolean isH2() {
        return get("pushrelay.db.url").startsWith("jdbc:h2:");
    }

    /** Every key with its value, secrets included: for the Camel property placeholders, never for printing. */
    public Map<String, String> asMap() {
        return values;
    }

    public static Duration parseDuration(String text) {
        Matcher m = SettingRule.DURATION_PATTERN.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a duration: " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    static Map<String, String> bundledDefaults() {
        Properties props = new Properties();
        try (InputStream in = Settings.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in == null) {
                throw new IllegalStateException("application.properties is missing from the classpath");
            }
            props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read application.properties", e);
        }
        Map<String, String> map = new TreeMap<>();
        props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k)));
        return map;
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> map = new TreeMap<>();
        System.getProperties().stringPropertyNames().forEach(k -> map.put(k, System.getProperty(k)));
        return map;
    }

    static Map<String, SettingRule> rules() {
        Map<String, SettingRule> r = new TreeMap<>();
        r.put("pushrelay.broker.embedded", SettingRule.BOOLEAN);
        r.put("pushrelay.broker.url", SettingRule.BROKER_URL);
        r.put("pushrelay.broker.user", SettingRule.TEXT);
        r.put("pushrelay.broker.password", SettingRule.SECRET);
        r.put("pushrelay.broker.protocols", SettingRule.BROKER_PROTOCOLS);
        r.put("pushrelay.db.url", SettingRule.JDBC_URL);
        r.put("pushrelay.db.user", SettingRule.TEXT);
        r.put("pushrelay.db.password", SettingRule.SECRET);
        r.put("pushrelay.db.pool-size", SettingRule.POSITIVE_INT);
        r.put("pushrelay.data.dir", SettingRule.TEXT);
        r.put("pushrelay.http.port", SettingRule.PORT);
        r.put("pushrelay.sandbox.enabled", SettingRule.BOOLEAN);
        r.put("pushrelay.sandbox.port", SettingRule.PORT);
        for (String p : PROVIDERS) {
            r.put(PREFIX + p + ".enabled", SettingRule.BOOLEAN);
            r.put(PREFIX + p + ".base-url", SettingRule.HTTP_URL);
            r.put(PREFIX + p + ".retry.max-attempts", SettingRule.OPTIONAL_POSITIVE_INT);
            r.put(PREFIX + p + ".retry.initial-delay", SettingRule.OPTIONAL_DURATION);
            r.put(PREFIX + p + ".retry.max-delay", SettingRule.OPTIONAL_DURATION);
            r.put(PREFIX + p + ".concurrency", SettingRule.POSITIVE_INT);
            r.put(PREFIX + p + ".batch-size", SettingRule.POSITIVE_INT);
            r.put(PREFIX + p + ".max-connections", SettingRule.POSITIVE_INT);
            r.put(PREFIX + p + ".rate-limit", SettingRule.NON_NEGATIVE_INT);
            r.put(PREFIX + p + ".circuit.failure-threshold", SettingRule.POSITIVE_INT);
            r.put(PREFIX + p + ".circuit.open-duration", SettingRule.DURATION);
        }
        r.put("pushrelay.intake.concurrency", SettingRule.POSITIVE_INT);
        r.put("pushrelay.intake.group-page-size", SettingRule.POSITIVE_INT);
        r.put("pushrelay.campaign.dir", SettingRule.TEXT);
        r.put("pushrelay.campaign.misfire", SettingRule.MISFIRE);
        r.put("pushrelay.campaign.misfire-threshold", SettingRule.DURATION);
        r.put("pushrelay.campaign.cluster-checkin-interval", SettingRule.DURATION);
        r.put("pushrelay.campaign.sync-interval", SettingRule.DURATION);
        r.put("pushrelay.provider.connect-timeout", SettingRule.DURATION);
        r.put("pushrelay.provider.request-timeout", SettingRule.DURATION);
        r.put("pushrelay.broker.max-delivery-attempts", SettingRule.POSITIVE_INT);
        r.put("pushrelay.broker.redelivery-delay", SettingRule.DURATION);
        r.put("pushrelay.broker.max-redelivery-delay", SettingRule.DURATION);
        r.put("pushrelay.adm.token-url", SettingRule.HTTP_URL);
        r.put("pushrelay.adm.client-id", SettingRule.TEXT);
        r.put("pushrelay.adm.client-secret", SettingRule.SECRET);
        r.put("pushrelay.fcm.project-id", SettingRule.TEXT);
        r.put("pushrelay.fcm.credentials-file", SettingRule.TEXT);
        r.put("pushrelay.fcm.token-url", SettingRule.OPTIONAL_HTTP_URL);
        r.put("pushrelay.alexa.token-url", SettingRule.HTTP_URL);
        r.put("pushrelay.alexa.grant-type", SettingRule.GRANT_TYPE);
        r.put("pushrelay.alexa.client-id", SettingRule.TEXT);
        r.put("pushrelay.alexa.client-secret", SettingRule.SECRET);
        r.put("pushrelay.alexa.refresh-token", SettingRule.SECRET);
        r.put("pushrelay.alexa.scope", SettingRule.TEXT);
        r.put("pushrelay.alexa.default-locale", SettingRule.LOCALE);
        r.put("pushrelay.retry.max-attempts", SettingRule.POSITIVE_INT);
        r.put("pushrelay.retry.initial-delay", SettingRule.DURATION);
        r.put("pushrelay.retry.max-delay", SettingRule.DURATION);
        r.put("pushrelay.delivery.in-flight-at-crash", SettingRule.IN_FLIGHT_AT_CRASH);
        for (String q : new String[] {"requests", "groups", "endpoints", "campaigns", "replay", "results",
                "dead-letters", "invalid"}) {
            r.put(PREFIX + "queue." + q, SettingRule.QUEUE_NAME);
        }
        return r;
    }
}
