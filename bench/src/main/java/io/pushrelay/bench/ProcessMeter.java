package io.pushrelay.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** This JVM's peak heap, peak RSS and CPU time, for the figures of a run. */
final class ProcessMeter {

    private final long cpuAtStart = cpuNanos();

    ProcessMeter() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    double cpuSeconds() {
        return (cpuNanos() - cpuAtStart) / 1e9;
    }

    static double peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / 1048576.0;
    }

    /** VmHWM from /proc: the peak resident set of this whole process; 0 where /proc is not there. */
    static double peakRssMb() {
        return peakRssMb(Path.of("/proc/self/status"));
    }

    /** The same for another process. */
    static double peakRssMb(long pid) {
        return peakRssMb(Path.of("/proc/" + pid + "/status"));
    }

    private static double peakRssMb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (Exception e) {
            return 0;
        }
        return 0;
    }

    /** A TCP port free on loopback now, for a gateway the benchmark starts. */
    static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
