package dev.redismigrate.cli;

import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which process of this machine runs a local task: {@code <state-dir>/running/<taskId>.pid} holds the process id and
 * its start time while {@code migrate}, {@code start}, {@code resume}, {@code demo} or the console drives the task.
 * A process killed with -9 leaves its file behind, so a file counts only while the process it names is alive (and is
 * the same process: pids are reused, start times are not).
 */
public final class RunningTasks {
    /**
     * A run of another machine sharing the state directory shows only through the task it updates (a sync saves its
     * progress every second): it counts as gone once the task has been silent this long.
     */
    public static final Duration SILENT_RUN = Duration.ofSeconds(30);

    private final Path dir;

    public RunningTasks(Path dir) {
        this.dir = dir;
    }

    /**
     * Marks the task as run by this process until the returned mark is closed. Refused while a live process (this one
     * included: the console runs several tasks) holds the task's mark, so two runs never drive one task.
     *
     * @throws TaskStateException when a live process runs the task
     */
    public Mark mark(String taskId) {
        ProcessHandle self = ProcessHandle.current();
        Path file = file(taskId);
        String content = self.pid() + " " + startOf(self).map(Instant::toString).orElse("-");
        try {
            Files.createDirectories(dir);
            if (!createExclusively(file, content)) {
                liveProcess(taskId).ifPresent(pid -> {
                    throw new TaskStateException("task " + taskId + " is already run by process " + pid
                            + " of this machine; finish or cancel it there, or wait for it to end");
                });
                Files.deleteIfExists(file); // the mark of a process that is gone
                if (!createExclusively(file, content)) {
                    throw new TaskStateException("task " + taskId + " was just taken by another process of this machine");
                }
            }
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

    private static boolean createExclusively(Path file, String content) throws IOException {
        try {
            Files.writeString(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException taken) {
            return false;
        }
    }

    /** The id of the live process of this machine that runs the task, if any. */
    public Optional<Long> liveProcess(String taskId) {
        Path file = file(taskId);
        String[] recorded;
        try {
            recorded = Files.readString(file).trim().split(" ");
        } catch (IOException e) {
            return Optional.empty(); // no file: no run of this machine
        }
        if (recorded.length != 2 || !recorded[0].chars().allMatch(Character::isDigit) || recorded[0].isEmpty()) {
            return Optional.empty(); // a file cut short by a crash names no process
        }
        long pid = Long.parseLong(recorded[0]);
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(process -> startOf(process).map(Instant::toString).orElse("-").equals(recorded[1]))
                .map(ProcessHandle::pid);
    }

    /** When the task last showed a run at work: its last progress report, or its last change. */
    public static Instant lastSignOfLife(MigrationTask t) {
        Progress progress = t.progress();
        return progress != null && progress.updatedAt() != null && progress.updatedAt().isAfter(t.updatedAt())
                ? progress.updatedAt() : t.updatedAt();
    }

    private Path file(String taskId) {
        return dir.resolve(taskId + ".pid");
    }

    private static Optional<Instant> startOf(ProcessHandle process) {
        return process.info().startInstant();
    }

    /** Ends the mark; closing twice is harmless. */
    public interface Mark extends AutoCloseable {
        @Override
        void close();
    }
}
