package dev.redismigrate.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of the real {@code redis-migrate} launcher as a child process, as a user runs it: JVM start and every phase
 * of the command count in its time. Its output goes to a log file (shown when it fails); its peak RSS is followed.
 */
final class LauncherRun {
    /** What the run took: wall time from fork to exit, and the JVM's peak RSS. */
    record Result(double seconds, long peakRssBytes) {
    }

    private LauncherRun() {
    }

    static Result run(BenchOptions options, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(options.launcher().toString());
        command.addAll(List.of(args));
        Path log = Files.createTempFile("bench-redis-migrate-", ".log");
        try {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            int exit;
            long peak;
            try (PeakRss rss = PeakRss.follow(process)) {
                exit = process.waitFor();
                peak = rss.bytes();
            }
            double seconds = Measures.seconds(System.nanoTime() - start);
            if (exit != 0) {
                throw new IllegalStateException("`redis-migrate " + String.join(" ", args) + "` exited with " + exit
                        + "; its output:\n" + tail(log));
            }
            return new Result(seconds, peak);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
