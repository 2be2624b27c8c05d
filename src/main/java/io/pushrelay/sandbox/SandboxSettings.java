package io.pushrelay.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pushrelay.config.InvalidSettingException.Problem;
import io.pushrelay.config.PortCheck;
import io.pushrelay.config.SettingRule;
import io.pushrelay.config.Settings;
import io.pushrelay.config.SettingsContributor;

/** The sandbox's own keys; while it is enabled it stands in for every provider's credentials. */
public final class SandboxSettings implements SettingsContributor {

    static final String ENABLED = "pushrelay.sandbox.enabled";
    static final String PORT = "pushrelay.sandbox.port";

    @Override
    public Map<String, SettingRule> rules() {
        return Map.of(ENABLED, SettingRule.BOOLEAN, PORT, SettingRule.PORT);
    }

    @Override
    public List<Problem> problemsToRun(Settings settings, Set<String> invalid) {
        if (!standsInForCredentials(settings) || invalid.contains(PORT)) {
            return List.of();
        }
        String problem = PortCheck.problem("127.0.0.1", settings.integer(PORT));
        return problem == null ? List.of() : List.of(new Problem(PORT, problem));
    }

    @Override
    public boolean standsInForCredentials(Settings settings) {
        return "true".equals(settings.get(ENABLED));
    }
}
