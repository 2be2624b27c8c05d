package io.pushrelay.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pushrelay.config.InvalidSettingException.Problem;

/**
 * Keys that a part of the gateway brings to the configuration (the provider plug-ins, the sandbox), found at start
 * as {@code META-INF/services/io.pushrelay.config.SettingsContributor}: config knows their rules, not their owners.
 */
public interface SettingsContributor {

    /** Each key with the rule its value must follow. */
    Map<String, SettingRule> rules();

    /** Defaults of keys that application.properties leaves out; the jar's file wins where it has the key. */
    default Map<String, String> defaults() {
        return Map.of();
    }

    /** Ports, files and the like that running needs besides valid values; keys in {@code invalid} are not judged again. */
    default List<Problem> problemsToRun(Settings settings, Set<String> invalid) {
        return List.of();
    }

    /** Credentials that running needs, unless some contributor {@link #standsInForCredentials stands in} for them. */
    default List<Problem> credentialsToRun(Settings settings, Set<String> invalid) {
        return List.of();
    }

    /** True when this part answers in the providers' place (the sandbox), so that no credential is needed. */
    default boolean standsInForCredentials(Settings settings) {
        return false;
    }
}
