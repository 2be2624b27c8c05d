package io.pushrelay.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pushrelay.message.Json;

/** What a benchmark run writes: the machine it ran on, the figures, the ratios, and the chart beside them. */
public final class Report {

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

    public static Map<String, Object> of(List<Figures> figures, Path chart) throws IOException {
        Chart.write(figures, chart);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("figures", figures);
        report.put("ratios", Ratios.of(figures));
        report.put("chart", chart.getFileName().toString());
        return report;
    }

    public static Path write(Map<String, Object> report, Path json) throws IOException {
        Files.writeString(json, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        return json;
    }
}
