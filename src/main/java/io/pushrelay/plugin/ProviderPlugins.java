package io.pushrelay.plugin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

import io.pushrelay.config.InvalidSettingException.Problem;
import io.pushrelay.config.SettingRule;
import io.pushrelay.config.Settings;
import io.pushrelay.config.SettingsContributor;
import io.pushrelay.message.ChannelType;

/**
 * The provider plug-ins found on the class path, in the order their service file lists them, and what they bring
 * to the parts that must not know them: the channels ({@link ChannelType.Catalog}) and the settings
 * ({@link SettingsContributor}); both services are registered in this jar's META-INF/services.
 */
public final class ProviderPlugins implements ChannelType.Catalog, SettingsContributor {

    /** The keys every provider has, after {@code pushrelay.<name>.}, with their rules. */
    public static final Map<String, SettingRule> DELIVERY = delivery();
    private static final Map<String, String> DELIVERY_DEFAULTS = Map.ofEntries(Map.entry("enabled", "true"),
            Map.entry("concurrency", "16"), Map.entry("batch-size", "100"), Map.entry("max-connections", "64"),
            Map.entry("rate-limit", "0"), Map.entry("circuit.failure-threshold", "20"),
            Map.entry("circuit.open-duration", "30s"), Map.entry("retry.max-attempts", ""),
            Map.entry("retry.initial-delay", ""), Map.entry("retry.max-delay", ""));

    private static final List<ProviderPlugin> PLUGINS = ServiceLoader.load(ProviderPlugin.class,
            ProviderPlugins.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();
    private static final Map<ChannelType, ChannelRule> RULES = PLUGINS.stream().flatMap(p -> p.channels().stream())
            .collect(Collectors.toMap(ChannelRule::channel, r -> r, (a, b) -> a, LinkedHashMap::new));
    private static final Map<ChannelType, ProviderPlugin> BY_CHANNEL = byChannel();

    public static List<ProviderPlugin> all() {
        return PLUGINS;
    }

    /** The address rule of a channel served. */
    public static ChannelRule rule(ChannelType channel) {
        return RULES.get(channel);
    }

    /** The plug-in serving a channel. */
    public static ProviderPlugin of(ChannelType channel) {
        return BY_CHANNEL.get(channel);
    }

    /** camel-main's routes-include-pattern with every plug-in's route file added. */
    public static String routesIncludePattern(String pattern) {
        StringBuilder all = new StringBuilder(pattern == null ? "" : pattern.trim());
        for (ProviderPlugin plugin : PLUGINS) {
            all.append(all.isEmpty() ? "" : ",").append("classpath:").append(plugin.routeFile());
        }
        return all.toString();
    }

    /** Each of {@code keys} that is empty, as a problem "required while pushrelay.<name>.enabled=true". */
    public static List<Problem> required(Settings settings, String name, List<String> keys) {
        List<Problem> problems = new ArrayList<>();
        for (String key : keys) {
            if (settings.get(key).isEmpty()) {
                problems.add(new Problem(key, "required while " + Settings.PREFIX + name + ".enabled=true"));
            }
        }
        return problems;
    }

    @Override
    public List<ChannelType> channels() {
        return List.copyOf(RULES.keySet());
    }

    @Override
    public Map<String, SettingRule> rules() {
        Map<String, SettingRule> rules = new LinkedHashMap<>();
        for (ProviderPlugin plugin : PLUGINS) {
            DELIVERY.forEach((suffix, rule) -> rules.put(key(plugin, suffix), rule));
            plugin.settings().forEach(rules::put);
        }
        return rules;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (ProviderPlugin plugin : PLUGINS) {
            DELIVERY_DEFAULTS.forEach((suffix, value) -> defaults.put(key(plugin, suffix), value));
            defaults.putAll(plugin.defaults());
        }
        return defaults;
    }

    @Override
    public List<Problem> credentialsToRun(Settings settings, Set<String> invalid) {
        List<Problem> problems = new ArrayList<>();
        for (ProviderPlugin plugin : PLUGINS) {
            if (settings.bool(key(plugin, "enabled"))) {
                plugin.credentialsToRun(settings).stream().filter(p -> !invalid.contains(p.key())).forEach(problems::add);
            }
        }
        return problems;
    }

    private static String key(ProviderPlugin plugin, String suffix) {
        return Settings.PREFIX + plugin.name() + "." + suffix;
    }

    private static Map<ChannelType, ProviderPlugin> byChannel() {
        Map<ChannelType, ProviderPlugin> map = new LinkedHashMap<>();
        PLUGINS.forEach(p -> p.channels().forEach(r -> map.put(r.channel(), p)));
        return map;
    }

    private static Map<String, SettingRule> delivery() {
        Map<String, SettingRule> r = new LinkedHashMap<>();
        r.put("enabled", SettingRule.BOOLEAN);
        r.put("base-url", SettingRule.HTTP_URL);
        r.put("retry.max-attempts", SettingRule.OPTIONAL_POSITIVE_INT);
        r.put("retry.initial-delay", SettingRule.OPTIONAL_DURATION);
        r.put("retry.max-delay", SettingRule.OPTIONAL_DURATION);
        r.put("concurrency", SettingRule.POSITIVE_INT);
        r.put("batch-size", SettingRule.POSITIVE_INT);
        r.put("max-connections", SettingRule.POSITIVE_INT);
        r.put("rate-limit", SettingRule.NON_NEGATIVE_INT);
        r.put("circuit.failure-threshold", SettingRule.POSITIVE_INT);
        r.put("circuit.open-duration", SettingRule.DURATION);
        return Map.copyOf(r);
    }
}
