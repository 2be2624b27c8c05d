package io.pushrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The benchmark runs end to end on a small load and reports every figure (speed itself is not asserted here). */
class BenchmarkTest {

    @Test
    void aSmallRunReportsTheLimitAndTheGatewayForEachLatency() throws Exception {
        Path output = Files.createDirectories(Path.of("bench-test"));
        List<Figures> figures = new Benchmark(new Benchmark.Options(2, 25, List.of(0), 16, output)).run();
        assertThat(figures).extracting(Figures::scenario).containsExactly("limit (JDK HttpClient)", "gateway (persistent)");
        assertThat(figures).allSatisfy(f -> {
            assertThat(f.notifications()).isEqualTo(50);
            assertThat(f.perSecond()).isPositive();
            assertThat(f.latencyMs().p99()).isGreaterThanOrEqualTo(f.latencyMs().p50());
        });
        assertThat(Benchmark.table(figures)).contains("gateway/limit at 0 ms");
    }
}
