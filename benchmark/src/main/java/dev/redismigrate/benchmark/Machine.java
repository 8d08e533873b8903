package dev.redismigrate.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Where and when the numbers were taken: date, CPU, cores, RAM, Redis and JVM versions, the launcher's JVM options,
 * and the load average at the start and the end (a busy machine shows there).
 */
final class Machine {
    private final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final String loadAtStart = loadAverage();
    private final String redisVersion;

    Machine(String redisVersion) {
        this.redisVersion = redisVersion;
    }

    /** Date, machine, versions and the load average now; {@link #describeRun()} adds the load at the start. */
    String describe() {
        return String.format("%s UTC; %s, %d cores, %s RAM; Redis %s; %s %s; launcher JVM options: %s",
                started.toString().replace('T', ' ').replace("Z", ""), cpuModel(),
                Runtime.getRuntime().availableProcessors(), memTotal(), redisVersion,
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), launcherJavaOptions());
    }

    /** As {@link #describe()}, with the load average at the start and at the end of the run. */
    String describeRun() {
        return describe() + "; load average " + loadAtStart + " at the start, " + loadAverage() + " at the end";
    }

    private static String launcherJavaOptions() {
        String options = System.getenv("REDIS_MIGRATE_JAVA_OPTS");
        return options == null ? "the launcher's defaults" : "REDIS_MIGRATE_JAVA_OPTS=\"" + options + "\"";
    }

    private static String cpuModel() {
        return procLine("/proc/cpuinfo", "model name").map(l -> l.substring(l.indexOf(':') + 1).trim())
                .orElse("CPU unknown");
    }

    private static String memTotal() {
        return procLine("/proc/meminfo", "MemTotal").map(l -> String.format("%.0f GiB",
                Long.parseLong(l.replaceAll("\\D", "")) / 1048576.0)).orElse("unknown");
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Optional<String> procLine(String file, String prefix) {
        try (var lines = Files.lines(Path.of(file))) {
            return lines.filter(l -> l.startsWith(prefix)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
