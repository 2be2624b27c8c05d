package io.pushrelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.pushrelay.support.FreePort;
import io.pushrelay.support.GatewayProcess;
import org.junit.jupiter.api.Test;

/**
 * The operator's file, read by the real gateway process: {@code ./application.properties} in the working directory
 * (or {@code run --config FILE} instead of it) over the jar's defaults, and under -D.
 */
class OperatorFileTest {

    private static Path directory() throws Exception {
        return Files.createDirectories(Path.of("gateways", UUID.randomUUID().toString())).toAbsolutePath();
    }

    /** The banner follows the health check's UP by a few milliseconds. */
    private static String banner(GatewayProcess gateway) {
        return await().atMost(Duration.ofSeconds(10)).until(gateway::log, log -> log.contains("pushrelay started in"));
    }

    private static String ports(int http, int broker, int sandbox) {
        return "pushrelay.http.port = " + http + "\n"
                + "pushrelay.broker.url = tcp://127.0.0.1:" + broker + "\n"
                + "pushrelay.sandbox.port = " + sandbox + "\n";
    }

    @Test
    void theWorkingDirectorysApplicationPropertiesIsReadOverTheDefaultsAndUnderSystemProperties() throws Exception {
        Path dir = directory();
        int http = FreePort.find();
        int sandboxFromFile = FreePort.find();
        int sandboxFromSystem = FreePort.find();
        // the file sets the ports (the defaults would be 8080 and 61616); -D wins over it for the sandbox's
        Files.writeString(dir.resolve("application.properties"), ports(http, FreePort.find(), sandboxFromFile));
        try (GatewayProcess gateway = GatewayProcess.start(
                Map.of("pushrelay.sandbox.port", String.valueOf(sandboxFromSystem)), dir, String.valueOf(http))) {
            String banner = banner(gateway);
            assertThat(banner).contains("configuration application.properties over the defaults")
                    .contains("http://127.0.0.1:" + sandboxFromSystem).doesNotContain(":" + sandboxFromFile);
            assertThat(gateway.get("http://127.0.0.1:" + sandboxFromSystem + "/_sandbox/calls")).startsWith("[");
            // ./data is the working directory's
            assertThat(dir.resolve("data/broker/journal")).isDirectory();
        }
    }

    @Test
    void runConfigReadsTheGivenFileInsteadOfTheWorkingDirectorys() throws Exception {
        Path dir = directory();
        int http = FreePort.find();
        // read, this one would stop start-up
        Files.writeString(dir.resolve("application.properties"), "pushrelay.http.port = eighty\n");
        Path config = Files.writeString(dir.resolve("gateway.properties"), ports(http, FreePort.find(), 0));
        try (GatewayProcess gateway = GatewayProcess.start(Map.of(), dir, String.valueOf(http),
                "--config", config.toString())) {
            assertThat(banner(gateway)).contains("configuration " + config + " over the defaults");
        }
    }
}
