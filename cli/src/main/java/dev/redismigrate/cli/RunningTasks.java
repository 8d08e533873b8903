package dev.redismigrate.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Which process of this machine runs a local task: {@code <state-dir>/running/<taskId>.pid} holds the process id and
 * its start time while {@code migrate}, {@code resume} or {@code demo} drives the task. A process killed with -9 leaves
 * its file behind, so a file counts only while the process it names is alive (and is the same process: pids are
 * reused, start times are not).
 */
final class RunningTasks {
    private final Path dir;

    RunningTasks(Path dir) {
        this.dir = dir;
    }

    /** Marks the task as run by this process until the returned mark is closed. */
    Mark mark(String taskId) {
        ProcessHandle self = ProcessHandle.current();
        Path file = file(taskId);
        try {
            Files.createDirectories(dir);
            Files.writeString(file, self.pid() + " " + startOf(self).map(Instant::toString).orElse("-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return () -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a file left behind names a process that ends with us: it no longer counts
            }
        };
    }

    /** The id of the live process of this machine that runs the task, if any. */
    Optional<Long> liveProcess(String taskId) {
        Path file = file(taskId);
        String[] recorded;
        try {
            recorded = Files.readString(file).trim().split(" ");
        } catch (IOException e) {
            return Optional.empty(); // no file: no run of this machine
        }
        long pid = Long.parseLong(recorded[0]);
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(process -> startOf(process).map(Instant::toString).orElse("-").equals(recorded[1]))
                .map(ProcessHandle::pid);
    }

    private Path file(String taskId) {
        return dir.resolve(taskId + ".pid");
    }

    private static Optional<Instant> startOf(ProcessHandle process) {
        return process.info().startInstant();
    }

    /** Ends the mark; closing twice is harmless. */
    interface Mark extends AutoCloseable {
        @Override
        void close();
    }
}
