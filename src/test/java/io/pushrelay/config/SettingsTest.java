package io.pushrelay.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SettingsTest {

    private final Map<String, String> file = Settings.bundledDefaults();

    @Test
    void everyKnownKeyHasItsDefaultInApplicationProperties() {
        assertThat(file.keySet()).containsAll(Settings.rules().keySet());
        Settings settings = Settings.resolve(file, Map.of(), Map.of(), Map.of());
        assertThat(settings.get("pushrelay.broker.url")).isEqualTo("tcp://127.0.0.1:61616");
        assertThat(settings.duration("pushrelay.retry.max-delay")).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.queue("dead-letters")).isEqualTo("push.dead-letters");
    }

    @Test
    void systemPropertyWinsOverEnvironmentWhichWinsOverTheFile() {
        Map<String, String> env = Map.of("PUSHRELAY_HTTP_PORT", "9001", "PUSHRELAY_ADM_CLIENT_ID", "from-env");
        Map<String, String> system = Map.of("pushrelay.http.port", "9002");
        Settings settings = Settings.resolve(file, env, system, Map.of());
        assertThat(settings.integer("pushrelay.http.port")).isEqualTo(9002);
        assertThat(settings.get("pushrelay.adm.client-id")).isEqualTo("from-env");
        assertThat(Settings.resolve(file, env, Map.of(), Map.of()).integer("pushrelay.http.port")).isEqualTo(9001);
    }

    @Test
    void invalidValuesFailNamingTheKey() {
        assertThatThrownBy(() -> Settings.resolve(file, Map.of(), Map.of("pushrelay.http.port", "eighty"), Map.of()))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("pushrelay.http.port")
                .hasMessageContaining("eighty");
        assertThatThrownBy(() -> Settings.resolve(file, Map.of("PUSHRELAY_RETRY_INITIAL_DELAY", "soon"), Map.of(), Map.of()))
                .hasMessageContaining("pushrelay.retry.initial-delay");
        assertThatThrownBy(() -> Settings.resolve(file, Map.of(), Map.of("pushrelay.alexa.grant-type", "password"), Map.of()))
                .hasMessageContaining("pushrelay.alexa.grant-type");
        assertThatThrownBy(() -> Settings.resolve(file, Map.of(), Map.of("pushrelay.fcm.base-url", "ftp://x"), Map.of()))
                .hasMessageContaining("pushrelay.fcm.base-url");
    }

    @Test
    void unknownKeysFailSoTyposDoNotGoUnnoticed() {
        assertThatThrownBy(() -> Settings.resolve(file, Map.of(), Map.of("pushrelay.brokr.url", "tcp://x:1"), Map.of()))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("pushrelay.brokr.url");
    }

    @Test
    void aSecretIsReadFromTheEnvironment() {
        Settings settings = Settings.resolve(file, Map.of("PUSHRELAY_ADM_CLIENT_SECRET", "s3cret"), Map.of(), Map.of());
        assertThat(settings.get("pushrelay.adm.client-secret")).isEqualTo("s3cret");
    }

    @Test
    void perProviderRetryFallsBackToTheGlobalValue() {
        Settings settings = Settings.resolve(file, Map.of(), Map.of("pushrelay.fcm.retry.max-attempts", "3"), Map.of());
        assertThat(settings.perProvider("fcm", "retry.max-attempts")).isEqualTo("3");
        assertThat(settings.perProvider("adm", "retry.max-attempts")).isEqualTo("8");
    }

    @Test
    void theEmbeddedBrokerNeedsOneTcpAddress() {
        assertThatThrownBy(() -> Settings.resolve(file, Map.of(), Map.of("pushrelay.broker.url", "vm://0"), Map.of()))
                .hasMessageContaining("pushrelay.broker.url");
        Settings external = Settings.resolve(file, Map.of(),
                Map.of("pushrelay.broker.embedded", "false", "pushrelay.broker.url", "(tcp://a:61616,tcp://b:61616)"), Map.of());
        assertThat(external.bool("pushrelay.broker.embedded")).isFalse();
    }

    @Test
    void everyProblemIsReportedAtOnceEachWithItsKey() {
        Map<String, String> system = Map.of("pushrelay.sandbox.enabled", "false", "pushrelay.http.port", "eighty",
                "pushrelay.retry.max-attempts", "many", "pushrelay.brokr.url", "tcp://x:1", "pushrelay.adm.client-id", "set");
        assertThatThrownBy(() -> Settings.resolve(file, Map.of(), system, Map.of(), true))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.problems())
                        .extracting(InvalidSettingException.Problem::key)
                        .containsExactlyInAnyOrder("pushrelay.http.port", "pushrelay.retry.max-attempts",
                                "pushrelay.brokr.url", "pushrelay.adm.client-secret", "pushrelay.fcm.credentials-file",
                                "pushrelay.alexa.client-id", "pushrelay.alexa.client-secret", "pushrelay.alexa.refresh-token",
                                "pushrelay.apns.key-file", "pushrelay.apns.key-id", "pushrelay.apns.team-id", "pushrelay.apns.topic"))
                .hasMessageContaining("12 problems").hasMessageContaining("'eighty'")
                .hasMessageContaining("pushrelay.alexa.refresh-token: required while pushrelay.alexa.enabled=true");
    }

    @Test
    void theSandboxStandsInForTheCredentialsAndADisabledProviderNeedsNone() {
        Settings.resolve(file, Map.of(), Map.of("pushrelay.http.port", "0"), Map.of(), true);
        Settings.resolve(file, Map.of(), Map.of("pushrelay.http.port", "0", "pushrelay.sandbox.enabled", "false",
                "pushrelay.adm.enabled", "false", "pushrelay.fcm.enabled", "false", "pushrelay.alexa.enabled", "false",
                "pushrelay.apns.enabled", "false", "pushrelay.broker.url", "tcp://127.0.0.1:0"), Map.of(), true);
    }

    @Test
    void aPortInUseIsOneOfTheProblems() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            Map<String, String> system = Map.of("pushrelay.http.port", "0", "pushrelay.retry.max-delay", "later",
                    "pushrelay.broker.url", "tcp://127.0.0.1:" + taken.getLocalPort());
            assertThatThrownBy(() -> Settings.resolve(file, Map.of(), system, Map.of(), true))
                    .hasMessageContaining("2 problems").hasMessageContaining("pushrelay.retry.max-delay")
                    .hasMessageContaining("pushrelay.broker.url: port " + taken.getLocalPort());
        }
    }

    @Test
    void everyRouteFileIsNamedInTheRoutesIncludePattern() throws Exception {
        String pattern = io.pushrelay.plugin.ProviderPlugins.routesIncludePattern(file.get("camel.main.routes-include-pattern"));
        try (java.util.stream.Stream<java.nio.file.Path> routes = java.nio.file.Files.list(
                java.nio.file.Path.of(Settings.class.getClassLoader().getResource("routes").toURI()))) {
            assertThat(routes.map(p -> "classpath:routes/" + p.getFileName()))
                    .isNotEmpty().allSatisfy(route -> assertThat(pattern.split(",")).contains(route));
        }
    }
}
