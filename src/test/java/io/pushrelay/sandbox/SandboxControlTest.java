package io.pushrelay.sandbox;

import static io.pushrelay.sandbox.SandboxHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox's control API over raw HTTP: what docs/reference.md says each control takes and answers. */
class SandboxControlTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private ProviderSandbox sandbox;
    private SandboxHttp http;

    /** A sandbox of its own per test: what one test scripts is never there for the next. */
    @BeforeEach
    void start() throws Exception {
        sandbox = new ProviderSandbox(0, Files.createDirectories(Path.of("sandbox-control-test")));
        sandbox.start();
        http = new SandboxHttp(sandbox.url());
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return http.post(path, Map.of("Content-Type", "application/json"), body);
    }

    HttpResponse<String> call(String method, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(sandbox.url() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void activeFaultsAreListedCountedDownAndCleared() throws Exception {
        assertThat(post("/_sandbox/faults", "{\"provider\":\"fcm\",\"address\":\"t1\",\"status\":503,\"reason\":\"UNAVAILABLE\","
                + "\"retryAfter\":\"2\",\"times\":2}").statusCode()).isEqualTo(204);
        assertThat(post("/_sandbox/faults", "{\"provider\":\"adm\",\"status\":0,\"delayMillis\":50,\"times\":-1}").statusCode())
                .isEqualTo(204);
        HttpResponse<String> listed = call("GET", "/_sandbox/faults");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode faults = json(listed);
        assertThat(faults).hasSize(2);
        assertThat(faults.get(0).get("provider").asText()).isEqualTo("fcm");
        assertThat(faults.get(0).get("address").asText()).isEqualTo("t1");
        assertThat(faults.get(0).get("reason").asText()).isEqualTo("UNAVAILABLE");
        assertThat(faults.get(0).get("times").asInt()).isEqualTo(2);
        assertThat(faults.get(1).get("delayMillis").asLong()).isEqualTo(50);

        assertThat(sandbox.state().takeFault("fcm", "t1")).isNotNull();
        assertThat(json(call("GET", "/_sandbox/faults")).findValuesAsText("times")).contains("1");
        assertThat(call("DELETE", "/_sandbox/faults").statusCode()).isEqualTo(204);
        assertThat(json(call("GET", "/_sandbox/faults"))).isEmpty();
    }

    @Test
    void aFaultTheSandboxCannotPlayIsRejectedWithTheReason() throws Exception {
        HttpResponse<String> unknown = post("/_sandbox/faults", "{\"provider\":\"fcmx\",\"status\":503}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("error").asText()).isEqualTo("provider must be one of adm, alexa, fcm, google, lwa, not fcmx");
        assertThat(json(post("/_sandbox/faults", "{\"status\":503}")).get("error").asText()).startsWith("provider must be one of");
        assertThat(json(post("/_sandbox/faults", "{\"provider\":\"adm\",\"status\":1000}")).get("error").asText())
                .contains("status must be an HTTP status");
        assertThat(json(post("/_sandbox/faults", "{\"provider\":\"adm\"}")).get("error").asText()).contains("delayMillis");
        assertThat(json(post("/_sandbox/faults", "{\"provider\":\"adm\",\"status\":500,\"times\":-2}")).get("error").asText())
                .contains("times");
        HttpResponse<String> notJson = post("/_sandbox/faults", "{\"provider\":");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).get("error").asText()).startsWith("the body is not the JSON this control takes");
        assertThat(sandbox.state().faults()).isEmpty();
    }

    @Test
    void addressControlsCheckTheirBodies() throws Exception {
        assertThat(post("/_sandbox/unregistered", "{\"provider\":\"adm\",\"address\":\"gone-1\"}").statusCode()).isEqualTo(204);
        assertThat(sandbox.state().isUnregistered("adm", "gone-1")).isTrue();
        assertThat(json(post("/_sandbox/unregistered", "{\"provider\":\"admx\",\"address\":\"a\"}")).get("error").asText())
                .contains("not admx");
        assertThat(json(post("/_sandbox/unregistered", "{\"provider\":\"adm\"}")).get("error").asText()).isEqualTo("address is required");

        assertThat(post("/_sandbox/rotations", "{\"address\":\"old-1\",\"newAddress\":\"new-1\"}").statusCode()).isEqualTo(204);
        assertThat(sandbox.state().rotated("old-1")).isEqualTo("new-1");
        assertThat(json(post("/_sandbox/rotations", "{\"address\":\"old-1\"}")).get("error").asText()).isEqualTo("newAddress is required");

        assertThat(post("/_sandbox/tokens/lifetime", "{\"client\":\"c\",\"seconds\":5}").statusCode()).isEqualTo(204);
        assertThat(json(post("/_sandbox/tokens/lifetime", "{\"client\":\"c\"}")).get("error").asText()).contains("seconds");
    }
}
