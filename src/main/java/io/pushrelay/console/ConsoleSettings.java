package io.pushrelay.console;

import java.util.Map;

import io.pushrelay.config.SettingRule;
import io.pushrelay.config.SettingsContributor;

/** The console's keys: who may log in. */
public final class ConsoleSettings implements SettingsContributor {

    static final String USER = "pushrelay.console.user";
    static final String PASSWORD = "pushrelay.console.password";

    @Override
    public Map<String, SettingRule> rules() {
        return Map.of(USER, SettingRule.TEXT, PASSWORD, SettingRule.SECRET);
    }
}
