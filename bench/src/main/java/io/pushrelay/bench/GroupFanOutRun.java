package io.pushrelay.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.jms.Connection;
import jakarta.jms.Session;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.pushrelay.config.Settings;
import io.pushrelay.database.DatabaseConfiguration;
import io.pushrelay.message.Json;
import io.pushrelay.support.GroupSeed;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * One group send to a large group through a gateway in a JVM of its own capped at {@code -Xmx256m} (its sandbox
 * inside it, as in production minus the providers): the members are inserted first, the request goes on
 * push.requests, and the run ends when the sandbox has received a call for every member. Peak heap comes from the
 * gateway's GC log (the heap in use before each collection), peak RSS from /proc.
 */
public final class GroupFanOutRun {

    /** What the run measured. */
    public record Result(
            @JsonProperty("members") int members,
            @JsonProperty("database") String database,
            @JsonProperty("seconds") double seconds,
            @JsonProperty("perSecond") double perSecond,
            @JsonProperty("maxHeapMb") int maxHeapMb,
            @JsonProperty("peakHeapMb") long peakHeapMb,
            @JsonProperty("peakRssMb") double peakRssMb) {

        @Override
        public String toString() {
            return String.format("group fan-out (%s, -Xmx%dm): %,d members in %.1f s = %,.0f notifications/s; "
                    + "peak heap %d MB, peak RSS %.0f MB", database, maxHeapMb, members, seconds, perSecond, peakHeapMb, peakRssMb);
        }
    }

    static final int MAX_HEAP_MB = 256;
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->\\d+M\\(\\d+M\\)");

    private final int members;
    private final String databaseUrl;
    private final Path dir;
    private final HttpClient http = HttpClient.newHttpClient();

    public GroupFanOutRun(int members, String databaseUrl, Path output) {
        this.members = members;
        this.dir = output.resolve("group-" + System.currentTimeMillis()).toAbsolutePath();
        this.databaseUrl = databaseUrl.isEmpty() ? "jdbc:h2:file:" + dir.resolve("pushrelay") : databaseUrl;
    }

    public Result run() throws Exception {
        Files.createDirectories(dir);
        String group = "bench-" + members;
        seed(group);
        int brokerPort = ProcessMeter.freePort();
        int httpPort = ProcessMeter.freePort();
        int sandboxPort = ProcessMeter.freePort();
        Path gcLog = dir.resolve("gc.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + MAX_HEAP_MB + "m", "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gcLog));
        Map.of("pushrelay.db.url", databaseUrl, "pushrelay.data.dir", dir.toString(),
                "pushrelay.broker.url", "tcp://127.0.0.1:" + brokerPort, "pushrelay.http.port", String.valueOf(httpPort),
                "pushrelay.sandbox.port", String.valueOf(sandboxPort), "pushrelay.campaign.dir", dir.resolve("campaigns").toString())
                .forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.pushrelay.cli.PushRelayCli", "run"));
        Process gateway = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("gateway.log").toFile()).start();
        try {
            awaitUp(gateway, httpPort);
            Instant start = Instant.now();
            send(brokerPort, group);
            String counts = "http://127.0.0.1:" + sandboxPort + "/_sandbox/counts";
            Instant deadline = start.plus(Duration.ofHours(2));
            while (sent(counts) < members) {
                if (!gateway.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the group run stopped at " + sent(counts) + " of " + members
                            + " members; see " + dir.resolve("gateway.log"));
                }
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
            double seconds = Duration.between(start, Instant.now()).toNanos() / 1e9;
            double rss = ProcessMeter.peakRssMb(gateway.pid());
            return new Result(members, databaseUrl.startsWith("jdbc:h2:") ? "H2" : "PostgreSQL", seconds, members / seconds,
                    MAX_HEAP_MB, peakHeapMb(gcLog), rss);
        } finally {
            gateway.destroy();
            if (!gateway.waitFor(60, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
        }
    }

    private void seed(String group) throws Exception {
        try (HikariDataSource dataSource = DatabaseConfiguration.dataSource(Settings.load(Map.of("pushrelay.db.url", databaseUrl)))) {
            DatabaseConfiguration.migrate(dataSource);
            GroupSeed.insert(dataSource, group, members);
        }
    }

    private void awaitUp(Process gateway, int httpPort) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline) && gateway.isAlive()) {
            try {
                if ("UP".equals(Json.tree(get("http://127.0.0.1:" + httpPort + "/observe/health")).path("status").asText())) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new IllegalStateException("the gateway did not come up; see " + dir.resolve("gateway.log"));
    }

    private void send(int brokerPort, String group) throws Exception {
        try (Connection connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("push.requests")).send(session.createTextMessage(Json.write(Map.of(
                    "RequestId", group + "-" + System.nanoTime(), "group_name", group,
                    "data", Map.of("k", "v"), "notification", Map.of("title", "t", "body", "b")))));
        }
    }

    private long sent(String countsUrl) throws Exception {
        JsonNode counts = Json.tree(get(countsUrl));
        return counts.path("adm").asLong() + counts.path("fcm").asLong();
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static long peakHeapMb(Path gcLog) throws Exception {
        long peak = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_LINE.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(1)));
            }
        }
        return peak;
    }
}
