package io.pushrelay.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar bench/target/pushrelay-bench.jar [options]}. */
@Command(name = "pushrelay-bench", mixinStandardHelpOptions = true,
        description = "Measure the gateway against the provider sandbox, side by side with a bare HTTP client making the "
                + "same calls and with firebase-admin's sendEach for the FCM share (at its defaults and at the gateway's "
                + "concurrency); prints a table, writes JSON (also as latest.json) and a chart under --output. With "
                + "--group N, instead fans a group of N members out through a gateway JVM capped at -Xmx256m.")
public final class BenchCommand implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    @Option(names = "--requests", defaultValue = "40", description = "large send requests (default ${DEFAULT-VALUE})")
    int requests;

    @Option(names = "--targets", defaultValue = "500", description = "targets per large request, 2:2:1 ADM, FCM, Alexa (default ${DEFAULT-VALUE})")
    int targets;

    @Option(names = "--small-requests", defaultValue = "5000", description = "small send requests, all at once (default ${DEFAULT-VALUE})")
    int smallRequests;

    @Option(names = {"--small-targets", "--paced-targets"}, defaultValue = "1",
            description = "targets per small request, all at once and at half rate (default ${DEFAULT-VALUE})")
    int smallTargets;

    @Option(names = "--latency", defaultValue = "0,20", split = ",", description = "provider latencies in ms, e.g. 0,20,100 (default ${DEFAULT-VALUE})")
    List<Integer> latencies;

    @Option(names = "--paced-seconds", defaultValue = "10", description = "how long to enqueue small requests at half the gateway's rate; 0 skips it (default ${DEFAULT-VALUE})")
    int pacedSeconds;

    @Option(names = "--warmup", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "run unmeasured rounds first, until the JIT has settled (default ${DEFAULT-VALUE})")
    boolean warmup;

    @Option(names = "--db", defaultValue = "", description = "a jdbc:postgresql: URL to run the gateway on (a fresh schema); default a fresh H2 file")
    String db;

    @Option(names = "--db-user", defaultValue = "postgres", description = "the PostgreSQL user (default ${DEFAULT-VALUE})")
    String dbUser;

    @Option(names = "--group", defaultValue = "0", description = "members of the group to fan out with -Xmx256m (e.g. 1000000); 0 runs the scenarios above")
    int group;

    @Option(names = "--group-db", defaultValue = "", description = "database of the group run (default: an H2 file under --output)")
    String groupDb;

    @Option(names = "--output", defaultValue = "target/bench", description = "where the JSON and the chart go (default ${DEFAULT-VALUE})")
    Path output;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(output);
        String stamp = String.valueOf(System.currentTimeMillis());
        Map<String, Object> report = new LinkedHashMap<>(Report.machine());
        if (group > 0) {
            GroupFanOutRun.Result result = new GroupFanOutRun(group, groupDb, output).run();
            System.out.println(result);
            report.put("groupFanOut", result);
        } else {
            Benchmark benchmark = new Benchmark(new Benchmark.Options(requests, targets, smallRequests, smallTargets,
                    latencies, pacedSeconds, warmup, BenchDatabase.of(db, dbUser), output));
            List<Figures> figures = benchmark.run();
            System.out.print(benchmark.table(figures));
            Path chart = output.resolve("bench-" + stamp + ".png");
            report.putAll(Report.of(benchmark.sizes(), figures, benchmark.ratios(figures), chart));
            System.out.println("chart written to " + chart);
            Report.write(report, output.resolve(Report.LATEST));
        }
        Path json = Report.write(report, output.resolve("bench-" + stamp + ".json"));
        System.out.println("figures written to " + json + (group > 0 ? "" : " and " + output.resolve(Report.LATEST)));
        return 0;
    }
}
