package io.pushrelay.observability;

import java.util.Map;

import io.pushrelay.config.SettingRule;
import io.pushrelay.config.SettingsContributor;

/** The keys of observability: how often queue depths are read from the broker, how often dead letters are summed up. */
public final class ObservabilitySettings implements SettingsContributor {

    static final String SAMPLE_INTERVAL = "pushrelay.observe.sample-interval";
    static final String DEAD_LETTER_SUMMARY = "pushrelay.observe.dead-letter-summary";

    @Override
    public Map<String, SettingRule> rules() {
        return Map.of(SAMPLE_INTERVAL, SettingRule.DURATION, DEAD_LETTER_SUMMARY, SettingRule.DURATION);
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of(SAMPLE_INTERVAL, "5s", DEAD_LETTER_SUMMARY, "60s");
    }
}
