package io.pushrelay.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The gateway as a separate JVM, started the way {@code java -jar} starts it (same main class, same classpath as
 * the tests): for heap limits and for killing it with SIGKILL. Its output goes to a log file under the test run.
 */
public final class GatewayProcess implements AutoCloseable {

    private final Process process;
    private final Map<String, String> settings;
    private final String httpPort;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();

    private GatewayProcess(Process process, Map<String, String> settings, String httpPort, Path log) {
        this.process = process;
        this.settings = settings;
        this.httpPort = httpPort;
        this.log = log;
    }

    /** Starts a gateway with these settings and JVM options, and waits until its health check is UP. */
    public static GatewayProcess start(Map<String, String> settings, List<String> jvmOptions) throws Exception {
        return start(settings, jvmOptions, null, settings.get("pushrelay.http.port"));
    }

    /**
     * Starts {@code run ARGUMENTS} in {@code directory} (its working directory) with these -D settings, and waits until
     * the health check on {@code httpPort} is UP: for settings that come from a file instead of -D.
     */
    public static GatewayProcess start(Map<String, String> settings, Path directory, String httpPort,
            String... runArguments) throws Exception {
        return start(settings, List.of(), directory, httpPort, runArguments);
    }

    private static GatewayProcess start(Map<String, String> settings, List<String> jvmOptions, Path directory,
            String httpPort, String... runArguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.pushrelay.cli.PushRelayCli");
        command.add("run");
        command.addAll(List.of(runArguments));
        Path log = Files.createDirectories(Path.of("processes")).toAbsolutePath().resolve("gateway-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        GatewayProcess gateway = new GatewayProcess(builder.start(), settings, httpPort, log);
        gateway.awaitUp(Duration.ofSeconds(60));
        return gateway;
    }

    public void awaitUp(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway exited: " + Files.readString(log));
            }
            try {
                String health = get("http://127.0.0.1:" + httpPort + "/observe/health");
                return "UP".equals(io.pushrelay.message.Json.tree(health).path("status").asText());
            } catch (Exception e) {
                return false;
            }
        });
    }

    public String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    public String sandboxUrl() {
        return "http://127.0.0.1:" + settings.get("pushrelay.sandbox.port");
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String log() throws Exception {
        return Files.readString(log);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill() throws Exception {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

}
