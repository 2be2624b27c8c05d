package io.pushrelay.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.pushrelay.bench.Benchmark;
import io.pushrelay.bench.Figures;
import io.pushrelay.message.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the gateway against the provider sandbox, side by side with a bare HTTP client making the "
                + "same calls; prints a table and writes JSON under --output.")
class BenchCommand implements Callable<Integer> {

    @Option(names = "--requests", defaultValue = "20", description = "send requests (default ${DEFAULT-VALUE})")
    int requests;

    @Option(names = "--targets", defaultValue = "500", description = "targets per request, 2:2:1 ADM, FCM, Alexa (default ${DEFAULT-VALUE})")
    int targets;

    @Option(names = "--latency", defaultValue = "0,20", split = ",", description = "provider latencies in ms (default ${DEFAULT-VALUE})")
    List<Integer> latencies;

    @Option(names = "--concurrency", defaultValue = "64", description = "calls in flight for the bare client (default ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--output", defaultValue = "target/bench", description = "where the JSON goes (default ${DEFAULT-VALUE})")
    Path output;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(output);
        List<Figures> figures = new Benchmark(new Benchmark.Options(requests, targets, latencies, concurrency, output)).run();
        System.out.print(Benchmark.table(figures));
        Path json = output.resolve("bench-" + System.currentTimeMillis() + ".json");
        Files.writeString(json, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(figures));
        System.out.println("figures written to " + json);
        return 0;
    }
}
