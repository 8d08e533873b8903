package dev.redismigrate.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of the real {@code redis-migrate} launcher as a child process, as a user runs it: JVM start and every phase
 * of the command count in its time. Its peak RSS is followed; its output is kept (shown when it fails) and, for
 * {@code --json-progress}, turned into a timeline: when each step line and each new sync phase appeared.
 */
final class LauncherRun {
    private static final Pattern STEP = Pattern.compile("\"step\":\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern PHASE = Pattern.compile("\"phase\":\"([A-Z_]+)\"");

    /** What the run took: wall time from fork to exit, the JVM's peak RSS, and its timeline ("1.20 s FULL_SYNC"). */
    record Result(double seconds, long peakRssBytes, List<String> timeline) {
        String timelineLine() {
            return "  timeline: " + String.join("; ", timeline) + String.format("; %.2f s exited", seconds);
        }
    }

    private LauncherRun() {
    }

    static Result run(BenchOptions options, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(options.launcher().toString());
        command.addAll(List.of(args));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        List<String> timeline = new ArrayList<>();
        long peak;
        try (PeakRss rss = PeakRss.follow(process);
             BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                     StandardCharsets.UTF_8))) {
            String phase = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                double at = Measures.seconds(System.nanoTime() - start);
                output.add(line);
                Matcher step = STEP.matcher(line);
                Matcher newPhase = PHASE.matcher(line);
                if (step.find()) {
                    timeline.add(String.format("%.2f s %s", at, step.group(1)));
                } else if (newPhase.find() && !newPhase.group(1).equals(phase)) {
                    phase = newPhase.group(1);
                    timeline.add(String.format("%.2f s %s", at, phase));
                }
            }
            process.waitFor();
            peak = rss.bytes();
        }
        double seconds = Measures.seconds(System.nanoTime() - start);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("`redis-migrate " + String.join(" ", args) + "` exited with "
                    + process.exitValue() + "; its output:\n"
                    + String.join("\n", output.subList(Math.max(0, output.size() - 40), output.size())));
        }
        return new Result(seconds, peak, timeline);
    }
}
