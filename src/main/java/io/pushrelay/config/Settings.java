package io.pushrelay.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;

import io.pushrelay.config.InvalidSettingException.Problem;

/**
 * The gateway's configuration: every {@code pushrelay.*} key of the contract, resolved once and validated. Sources,
 * highest precedence first: explicit overrides (tests), -D system properties, environment variables
 * ({@link #environmentName}), the operator's file ({@code --config FILE}, else {@code ./application.properties} when
 * there is one), the defaults inside the jar. The CLI and the Camel routes read the same values. Every problem is
 * reported at once, in one {@link InvalidSettingException}.
 */
public final class Settings {

    public static final String PREFIX = "pushrelay.";
    /** The name the resolved settings are bound under in Camel's registry. */
    public static final String BEAN = "settings";
    private static final Path WORKING_DIRECTORY_FILE = Path.of("application.properties");

    private static final List<SettingsContributor> CONTRIBUTORS = ServiceLoader.load(SettingsContributor.class,
            Settings.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();
    private static final Map<String, SettingRule> RULES = rules();
    private static final Map<String, String> DEFAULTS = contributedDefaults();

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** Resolves every key from the real environment, the system properties, ./application.properties and the defaults. */
    public static Settings load(Map<String, String> overrides) {
        return load(operatorFile(null), overrides);
    }

    public static Settings load(Optional<Path> operatorFile, Map<String, String> overrides) {
        return resolve(fileValues(operatorFile), System.getenv(), systemProperties(), overrides);
    }

    /**
     * What the gateway runs with: {@link #load} plus what running needs — the credentials of every enabled provider
     * (unless the sandbox stands in for them) and free ports to listen on — every problem in one exception.
     */
    public static Settings toRun(Optional<Path> operatorFile, Map<String, String> overrides) {
        return resolve(fileValues(operatorFile), System.getenv(), systemProperties(), overrides, true);
    }

    /** Resolution with explicit sources, lowest precedence first; also what the unit tests call. */
    static Settings resolve(Map<String, String> file, Map<String, String> env, Map<String, String> system,
            Map<String, String> overrides) {
        return resolve(file, env, system, overrides, false);
    }

    static Settings resolve(Map<String, String> file, Map<String, String> env, Map<String, String> system,
            Map<String, String> overrides, boolean toRun) {
        List<Problem> problems = new ArrayList<>();
        Set<String> unknown = new TreeSet<>();
        for (Map<String, String> source : List.of(file, system, overrides)) {
            source.keySet().stream().filter(k -> k.startsWith(PREFIX)).filter(k -> !RULES.containsKey(k))
                    .forEach(unknown::add);
        }
        unknown.forEach(k -> problems.add(new Problem(k, "unknown key (see application.properties for the known ones)")));
        Map<String, String> values = new TreeMap<>();
        for (String key : RULES.keySet()) {
            String value = firstOf(key, overrides, system, env, file);
            if (value == null) {
                value = DEFAULTS.get(key);
            }
            if (value == null) {
                problems.add(new Problem(key, "no value and no default"));
            } else {
                values.put(key, value.trim());
            }
        }
        Settings settings = new Settings(values);
        Map<String, String> invalid = settings.invalidValues();
        invalid.forEach((key, problem) -> problems.add(new Problem(key, problem)));
        if (toRun) {
            settings.missingToRun(invalid.keySet()).forEach(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingException(problems);
        }
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
        Map<String, String> invalid = settings.invalidValues();
        if (!invalid.isEmpty()) {
            throw new InvalidSettingException(invalid.entrySet().stream()
                    .map(e -> new Problem(e.getKey(), e.getValue())).toList());
        }
        return settings;
    }

    /**
     * The operator's file: the one given ({@code --config FILE}), which must exist, else
     * {@code ./application.properties} in the working directory when there is one.
     */
    public static Optional<Path> operatorFile(Path given) {
        if (given != null) {
            if (!Files.isRegularFile(given)) {
                throw new InvalidSettingException("--config", "there is no file " + given.toAbsolutePath());
            }
            return Optional.of(given);
        }
        return Files.isRegularFile(WORKING_DIRECTORY_FILE) ? Optional.of(WORKING_DIRECTORY_FILE) : Optional.empty();
    }

    /** Every entry of the operator's file, pushrelay.* or not (camel.* keys in it configure Camel). */
    public static Map<String, String> read(Optional<Path> operatorFile) {
        if (operatorFile.isEmpty()) {
            return Map.of();
        }
        try (InputStream in = Files.newInputStream(operatorFile.get())) {
            return read(in);
        } catch (IOException e) {
            throw new InvalidSettingException("--config", "cannot read " + operatorFile.get() + ": " + e.getMessage());
        }
    }

    /** The jar's defaults with the operator's file over them. */
    private static Map<String, String> fileValues(Optional<Path> operatorFile) {
        Map<String, String> values = bundledDefaults();
        values.putAll(read(operatorFile));
        return values;
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

    /** Each key whose value breaks its rule, with the problem. */
    private Map<String, String> invalidValues() {
        Map<String, String> invalid = new TreeMap<>();
        values.forEach((key, value) -> {
            String problem = RULES.get(key).check(value);
            if (problem != null) {
                String shown = RULES.get(key) == SettingRule.SECRET ? "***" : value;
                invalid.put(key, "'" + shown + "' — " + problem);
            }
        });
        if (!invalid.containsKey("pushrelay.broker.url") && "true".equals(values.get("pushrelay.broker.embedded"))
                && !values.get("pushrelay.broker.url").matches("tcp://[^,()]+:\\d+")) {
            invalid.put("pushrelay.broker.url", "the embedded broker listens on a single tcp://host:port address, not '"
                    + values.get("pushrelay.broker.url") + "'");
        }
        return invalid;
    }

    /** What running needs besides valid values; keys already found invalid are not judged again. */
    private List<Problem> missingToRun(Set<String> invalid) {
        List<Problem> problems = new ArrayList<>();
        if (CONTRIBUTORS.stream().noneMatch(c -> c.standsInForCredentials(this))) {
            CONTRIBUTORS.forEach(c -> problems.addAll(c.credentialsToRun(this, invalid)));
        }
        Map<String, String[]> listeners = new LinkedHashMap<>();
        listeners.put("pushrelay.http.port", new String[] {"0.0.0.0", values.get("pushrelay.http.port")});
        if ("true".equals(values.get("pushrelay.broker.embedded")) && !invalid.contains("pushrelay.broker.url")) {
            URI broker = URI.create(values.get("pushrelay.broker.url"));
            listeners.put("pushrelay.broker.url", new String[] {broker.getHost(), String.valueOf(broker.getPort())});
        }
        listeners.forEach((key, hostAndPort) -> {
            String problem = invalid.contains(key) ? null : PortCheck.problem(hostAndPort[0], Integer.parseInt(hostAndPort[1]));
            if (problem != null) {
                problems.add(new Problem(key, problem));
            }
        });
        CONTRIBUTORS.forEach(c -> problems.addAll(c.problemsToRun(this, invalid)));
        return problems;
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
        try (InputStream in = Settings.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in == null) {
                throw new IllegalStateException("application.properties is missing from the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read application.properties", e);
        }
    }

    private static Map<String, String> read(InputStream in) throws IOException {
        Properties props = new Properties();
        props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        Map<String, String> map = new TreeMap<>();
        props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k)));
        return map;
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> map = new TreeMap<>();
        System.getProperties().stringPropertyNames().forEach(k -> map.put(k, System.getProperty(k)));
        return map;
    }

    private static Map<String, String> contributedDefaults() {
        Map<String, String> defaults = new TreeMap<>();
        CONTRIBUTORS.forEach(c -> defaults.putAll(c.defaults()));
        return defaults;
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
        r.put("pushrelay.intake.concurrency", SettingRule.POSITIVE_INT);
        r.put("pushrelay.intake.group-page-size", SettingRule.POSITIVE_INT);
        r.put("pushrelay.intake.batch-size", SettingRule.POSITIVE_INT);
        r.put("pushrelay.provider.non-blocking", SettingRule.BOOLEAN);
        r.put("pushrelay.intake.batch-wait", SettingRule.DURATION);
        r.put("pushrelay.campaign.dir", SettingRule.TEXT);
        r.put("pushrelay.campaign.misfire", SettingRule.MISFIRE);
        r.put("pushrelay.campaign.misfire-threshold", SettingRule.DURATION);
        r.put("pushrelay.campaign.cluster-checkin-interval", SettingRule.DURATION);
        r.put("pushrelay.campaign.sync-interval", SettingRule.DURATION);
        r.put("pushrelay.provider.connect-timeout", SettingRule.DURATION);
        r.put("pushrelay.provider.request-timeout", SettingRule.DURATION);
        r.put("pushrelay.provider.trust-store", SettingRule.TEXT);
        r.put("pushrelay.provider.trust-store-password", SettingRule.SECRET);
        r.put("pushrelay.broker.max-delivery-attempts", SettingRule.POSITIVE_INT);
        r.put("pushrelay.broker.redelivery-delay", SettingRule.DURATION);
        r.put("pushrelay.broker.max-redelivery-delay", SettingRule.DURATION);
        r.put("pushrelay.retry.max-attempts", SettingRule.POSITIVE_INT);
        r.put("pushrelay.retry.initial-delay", SettingRule.DURATION);
        r.put("pushrelay.retry.max-delay", SettingRule.DURATION);
        r.put("pushrelay.delivery.in-flight-at-crash", SettingRule.IN_FLIGHT_AT_CRASH);
        for (String q : new String[] {"requests", "groups", "endpoints", "campaigns", "replay", "results",
                "dead-letters", "invalid"}) {
            r.put(PREFIX + "queue." + q, SettingRule.QUEUE_NAME);
        }
        CONTRIBUTORS.forEach(c -> r.putAll(c.rules()));
        return r;
    }
}
