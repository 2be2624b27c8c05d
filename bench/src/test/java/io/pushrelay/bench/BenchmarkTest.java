package io.pushrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/** The benchmark runs end to end on a small load and reports every figure (speed itself is not asserted here). */
class BenchmarkTest {

    @Test
    void aSmallRunReportsEveryScenarioTheRatiosAndAChart() throws Exception {
        Path output = Files.createDirectories(Path.of("target", "bench-test"));
        List<Figures> figures = new Benchmark(new Benchmark.Options(2, 25, List.of(0), 1, 5, false,
                BenchDatabase.of("", ""), output)).run();

        assertThat(figures).extracting(Figures::scenario)
                .containsExactly(Benchmark.LIMIT, Benchmark.SDK, Benchmark.GATEWAY, Benchmark.SMALL, Benchmark.PACED);
        assertThat(figures).allSatisfy(f -> {
            assertThat(f.perSecond()).isPositive();
            assertThat(f.fcmPerSecond()).isPositive();
            assertThat(f.latencyMs().p99()).isGreaterThanOrEqualTo(f.latencyMs().p50());
        });
        assertThat(figures.get(0).notifications()).isEqualTo(50);
        assertThat(figures.get(1).notifications()).as("the FCM share: 2 of every 5 targets").isEqualTo(20);
        assertThat(figures.get(2).notifications()).as("an Addresses request and a Group request").isEqualTo(50);
        assertThat(figures.get(3).notifications()).as("the same notifications in requests of 5 targets").isEqualTo(50);
        assertThat(figures.get(4).notifications()).as("requests of 5 targets").isPositive();
        assertThat(figures.get(4).notifications() % 5).isZero();

        List<Ratios> ratios = Ratios.of(figures);
        assertThat(ratios).singleElement().satisfies(r -> {
            assertThat(r.gatewayToLimit()).isPositive();
            assertThat(r.gatewayToSdk()).isPositive();
            assertThat(r.pacedP99Ms()).isEqualTo(figures.get(4).latencyMs().p99());
        });
        assertThat(Benchmark.table(figures)).contains("at 0 ms: gateway/limit");

        Path chart = output.resolve("chart.png");
        Map<String, Object> report = Report.of(figures, chart);
        assertThat(report).containsKeys("figures", "ratios");
        BufferedImage image = ImageIO.read(chart.toFile());
        assertThat(image.getWidth()).isGreaterThan(image.getHeight());
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
