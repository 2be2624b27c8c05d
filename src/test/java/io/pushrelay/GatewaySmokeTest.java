package io.pushrelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.pushrelay.support.FreePort;
import io.pushrelay.support.TestGateway;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;

/** The real main with its real routes and configuration: everything starts, reports UP, and stops cleanly. */
class GatewaySmokeTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void allRoutesStartAndHealthIsUp() throws Exception {
        try (TestGateway gateway = TestGateway.start()) {
            assertThat(gateway.context().getRoutes()).isNotEmpty();
            gateway.context().getRoutes().forEach(route -> assertThat(
                    gateway.context().getRouteController().getRouteStatus(route.getRouteId()))
                    .as(route.getRouteId()).isEqualTo(ServiceStatus.Started));
            HttpResponse<String> health = get(gateway.httpUrl() + "/observe/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").contains("broker").contains("database");
            assertThat(get(gateway.httpUrl() + "/observe/health/ready").body()).contains("\"status\":\"UP\"");
            assertThat(get(gateway.httpUrl() + "/observe/health/live").body()).contains("\"status\":\"UP\"");
            HttpResponse<String> metrics = get(gateway.httpUrl() + "/observe/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("camel_");
        }
    }

    @Test
    void theSandboxReplacesEveryProviderUrl() throws Exception {
        try (TestGateway gateway = TestGateway.start()) {
            String sandbox = gateway.sandbox().url();
            assertThat(gateway.settings().get("pushrelay.adm.base-url")).isEqualTo(sandbox + "/adm");
            assertThat(gateway.settings().get("pushrelay.fcm.base-url")).isEqualTo(sandbox + "/fcm");
            assertThat(gateway.settings().get("pushrelay.alexa.base-url")).isEqualTo(sandbox + "/alexa");
            assertThat(gateway.context().resolvePropertyPlaceholders("{{pushrelay.adm.token-url}}"))
                    .isEqualTo(sandbox + "/lwa/auth/o2/token");
        }
    }

    @Test
    void withoutTheSandboxNothingIsRewritten() throws Exception {
        try (TestGateway gateway = TestGateway.start(Map.of("pushrelay.sandbox.enabled", "false", "pushrelay.http.port", "0",
                "pushrelay.adm.client-id", "amzn1.application-oa2-client.x", "pushrelay.adm.client-secret", "s",
                "pushrelay.fcm.enabled", "false", "pushrelay.alexa.enabled", "false", "pushrelay.apns.enabled", "false"))) {
            assertThat(gateway.sandbox()).isNull();
            assertThat(gateway.settings().get("pushrelay.adm.base-url")).isEqualTo("https://api.amazon.com");
            assertThat(gateway.context().getRouteController().getRouteStatus("deliver-fcm")).isEqualTo(ServiceStatus.Stopped);
        }
    }

    @Test
    void anEnabledProviderWithoutCredentialsFailsStartUpNamingTheKey() {
        assertThatThrownBy(() -> TestGateway.start(Map.of("pushrelay.sandbox.enabled", "false", "pushrelay.http.port", "0",
                "pushrelay.adm.enabled", "false", "pushrelay.alexa.enabled", "false")))
                .hasStackTraceContaining("pushrelay.fcm.credentials-file");
        assertThatThrownBy(() -> TestGateway.start(Map.of("pushrelay.sandbox.enabled", "false", "pushrelay.http.port", "0",
                "pushrelay.fcm.enabled", "false", "pushrelay.alexa.enabled", "false")))
                .hasStackTraceContaining("pushrelay.adm.client-id");
    }

    @Test
    void aMalformedValueFailsStartUpNamingTheKey() {
        assertThatThrownBy(() -> TestGateway.start(Map.of("pushrelay.retry.max-attempts", "many")))
                .hasStackTraceContaining("pushrelay.retry.max-attempts");
    }

    @Test
    void aBrokerPortInUseSaysSo() throws Exception {
        int port = FreePort.find();
        try (ServerSocket taken = new ServerSocket(port, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> TestGateway.start(Map.of("pushrelay.broker.url", "tcp://127.0.0.1:" + port)))
                    .hasStackTraceContaining("pushrelay.broker.url")
                    .hasStackTraceContaining("already in use");
        }
    }
}
