package io.pushrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.message.ChannelType;
import io.pushrelay.message.Json;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The benchmark runs end to end on a small load and reports every figure (speed itself is not asserted here). */
class BenchmarkTest {

    @Test
    void aShortRunWritesEveryScenarioAndTheRatiosToLatestJson() throws Exception {
        Path output = Path.of("target", "bench-test");
        Files.deleteIfExists(output.resolve(Report.LATEST));

        int exit = new CommandLine(new BenchCommand()).execute("--requests", "2", "--targets", "25", "--small-requests", "25",
                "--latency", "0", "--paced-seconds", "1", "--no-warmup", "--output", output.toString());

        assertThat(exit).isZero();
        JsonNode latest = Json.MAPPER.readTree(output.resolve(Report.LATEST).toFile());
        assertThat(latest.path("sizes").path("targetsPerSmallRequest").asInt()).as("small requests of 1 target by default").isEqualTo(1);
        JsonNode at0 = latest.path("providerLatencyMs").path("0");
        JsonNode scenarios = at0.path("scenarios");
        assertThat(scenarios.fieldNames()).toIterable()
                .containsExactly(Arrays.stream(Scenario.values()).map(Scenario::key).toArray(String[]::new));
        scenarios.fields().forEachRemaining(scenario -> {
            JsonNode f = scenario.getValue();
            assertThat(f.path("perSecond").asDouble()).as(scenario.getKey()).isPositive();
            assertThat(f.path("cpuSecondsPer1000").asDouble()).as(scenario.getKey()).isPositive();
            assertThat(f.path("latencyMs").path("p99").asDouble()).as(scenario.getKey())
                    .isGreaterThanOrEqualTo(f.path("latencyMs").path("p95").asDouble())
                    .isGreaterThanOrEqualTo(f.path("latencyMs").path("p50").asDouble());
        });
        assertThat(notifications(scenarios, Scenario.LIMIT)).isEqualTo(50);
        assertThat(notifications(scenarios, Scenario.SDK_AT_DEFAULTS)).as("the FCM share: 2 of every 5 targets").isEqualTo(20);
        assertThat(notifications(scenarios, Scenario.SDK_AT_GATEWAY_CONCURRENCY)).isEqualTo(20);
        assertThat(notifications(scenarios, Scenario.GATEWAY)).as("an Addresses request and a Group request").isEqualTo(50);
        assertThat(notifications(scenarios, Scenario.SMALL_REQUESTS)).as("25 requests of 1 target").isEqualTo(25);
        assertThat(notifications(scenarios, Scenario.SMALL_AT_HALF_RATE)).isPositive();
        assertThat(scenarios.path(Scenario.SMALL_REQUESTS.key()).path("fcmPerSecond").asDouble())
                .as("requests of 1 target carry the mix, FCM among them").isPositive();

        JsonNode ratios = at0.path("ratios");
        assertThat(ratios.fieldNames()).toIterable().containsExactly("gatewayOverLimit", "gatewayFcmOverSdk", "smallRequestsPerSecond");
        ratios.forEach(ratio -> assertThat(ratio.asDouble()).isPositive());
        assertThat(ratios.path("smallRequestsPerSecond").asDouble())
                .isEqualTo(scenarios.path(Scenario.SMALL_REQUESTS.key()).path("perSecond").asDouble());

        Path timestamped = output.resolve(latest.path("chart").asText().replace(".png", ".json"));
        assertThat(Json.MAPPER.readTree(timestamped.toFile())).as("latest.json is the run's report").isEqualTo(latest);
        BufferedImage chart = ImageIO.read(output.resolve(latest.path("chart").asText()).toFile());
        assertThat(chart.getWidth()).isGreaterThan(chart.getHeight());
    }

    @Test
    void theMixRunsAcrossRequestsSoRequestsOfOneTargetCarryIt() {
        assertThat(IntStream.range(0, 10).mapToObj(r -> Benchmark.target(r, 0, 1).channel()))
                .containsExactly(ChannelType.ADM, ChannelType.ADM, ChannelType.GCM, ChannelType.GCM, ChannelType.ALEXA,
                        ChannelType.ADM, ChannelType.ADM, ChannelType.GCM, ChannelType.GCM, ChannelType.ALEXA);
        assertThat(IntStream.range(0, 500).mapToObj(i -> Benchmark.target(3, i, 500).channel())
                .filter(ChannelType.GCM::equals)).as("2 of every 5 targets of a large request").hasSize(200);
    }

    private static long notifications(JsonNode scenarios, Scenario scenario) {
        return scenarios.path(scenario.key()).path("notifications").asLong();
    }

    @Test
    void peakHeapIsReadFromTheGcLog() throws Exception {
        Path log = Files.createTempFile("gc", ".log");
        Files.writeString(log, """
                [0.512s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 3.456ms
                [9.100s][info][gc] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 181M->40M(256M) 8.002ms
                [9.900s][info][gc] GC(8) Pause Remark 60M->60M(256M) 1.1ms
                """);
        assertThat(GroupFanOutRun.peakHeapMb(log)).isEqualTo(181);
    }

    @Test
    void chartScalesToARoundNumber() {
        assertThat(Chart.niceCeiling(1_569)).isEqualTo(2_000);
        assertThat(Chart.niceCeiling(2_579)).isEqualTo(5_000);
        assertThat(Chart.niceCeiling(43)).isEqualTo(50);
        assertThat(Chart.niceCeiling(100)).isEqualTo(100);
    }
}
