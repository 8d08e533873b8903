package dev.redismigrate.sync;

import dev.redismigrate.testkit.RedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Test-only: the engine in a child JVM ({@link BoundedHeapSyncMain}, never finishing), so a test can kill it with
 * SIGKILL the way a machine loss or {@code kill -9} would: no cleanup, no last checkpoint, writes cut off mid-flight.
 */
final class ChildSync implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ChildSync(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ChildSync start(RedisServer source, RedisServer target, Path dir, String taskId) throws IOException {
        return start(source, target, dir, taskId, false);
    }

    /** @param resumed an earlier run of the task synced into the target (its checkpoints may be there) */
    static ChildSync start(RedisServer source, RedisServer target, Path dir, String taskId, boolean resumed)
            throws IOException {
        Files.createDirectories(dir);
        Path log = dir.resolve("child.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), BoundedHeapSyncMain.class.getName(),
                Integer.toString(source.port()), Integer.toString(target.port()), dir.resolve("spool").toString(),
                taskId, "forever", resumed ? "resumed" : "first")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ChildSync(process, log);
    }

    /** Waits until the child printed a progress line containing {@code text}. */
    void awaitLine(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.readString(log).contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the child sync never printed '" + text + "':\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
    }

    /** What the child printed so far (its progress lines and its log). */
    String output() throws IOException {
        return Files.readString(log);
    }

    /** SIGKILL, and wait until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
