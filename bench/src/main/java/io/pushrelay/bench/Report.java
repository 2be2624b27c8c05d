package io.pushrelay.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.pushrelay.message.Json;

/**
 * What a benchmark run writes: the machine it ran on, the sizes it ran with, and for each provider latency every
 * scenario's figures and the ratios, with the chart beside them. docs/benchmarks.md shows the shape.
 */
public final class Report {

    /** The copy of the last scenario run's report, for a script that knows no time stamp (a group run leaves it alone). */
    public static final String LATEST = "latest.json";

    /** One provider latency: each scenario's figures by its key, and the ratios. */
    record AtLatency(Map<String, Figures> scenarios, Ratios ratios) {
    }

    private Report() {
    }

    public static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        machine.put("memoryMb", ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() / 1048576);
        return Map.of("machine", machine);
    }

    public static Map<String, Object> of(Map<String, Object> sizes, List<Figures> figures, Map<Integer, Ratios> ratios,
            Path chart) throws IOException {
        Chart.write(figures, chart);
        Map<Integer, AtLatency> byLatency = new TreeMap<>();
        ratios.forEach((latency, r) -> byLatency.put(latency, new AtLatency(new LinkedHashMap<>(), r)));
        figures.forEach(f -> byLatency.get(f.providerLatencyMs()).scenarios().put(f.scenario().key(), f));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("sizes", sizes);
        report.put("providerLatencyMs", byLatency);
        report.put("chart", chart.getFileName().toString());
        return report;
    }

    public static Path write(Map<String, Object> report, Path json) throws IOException {
        Files.writeString(json, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        return json;
    }
}
