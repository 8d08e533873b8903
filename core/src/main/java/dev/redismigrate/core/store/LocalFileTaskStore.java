package dev.redismigrate.core.store;

import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TaskConflictException;
import dev.redismigrate.core.task.TaskNotFoundException;
import dev.redismigrate.core.task.TaskStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Tasks as JSON files in a state directory ({@code ~/.redis-migrate} unless {@code --state-dir} says otherwise):
 * {@code tasks/ID.json} and {@code tasks/ID.progress.json} (with one sync container per shard, each shard's in
 * {@code tasks/ID.SHARD.progress.json}). Writes go to a temp file, are forced to disk and renamed
 * over the old file, so a crash leaves either the old or the new task. A file lock on {@code tasks/.lock} makes
 * compare-and-set safe between processes (the CLI's {@code finish} and a running {@code migrate}).
 */
public final class LocalFileTaskStore implements TaskStore {
    private static final Map<Path, Object> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final String PROGRESS_SUFFIX = ".progress.json";

    private final Path dir;

    public LocalFileTaskStore(Path stateDir) {
        this.dir = stateDir.resolve("tasks");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create state directory " + dir, e);
        }
    }

    public static Path defaultStateDir() {
        return Path.of(System.getProperty("user.home"), ".redis-migrate");
    }

    @Override
    public MigrationTask create(MigrationTask task) {
        return locked(() -> {
            if (Files.exists(taskFile(task.id()))) {
                throw new TaskConflictException("task " + task.id() + " exists already");
            }
            MigrationTask stored = task.atVersion(1).withoutProgress();
            writeAtomically(taskFile(task.id()), TaskJson.write(stored));
            return stored;
        });
    }

    @Override
    public Optional<MigrationTask> find(String id) {
        if (!isSafeId(id)) {
            return Optional.empty();
        }
        Optional<MigrationTask> task = readTask(id);
        if (task.isEmpty()) {
            return task;
        }
        Path progressFile = progressFile(id, SyncShard.WHOLE);
        Progress whole = Files.exists(progressFile) ? TaskJson.readProgress(readString(progressFile)) : null;
        return task.map(t -> t.withSyncProgress(whole, shardProgress(id)));
    }

    /** Each shard's latest report by shard id, from {@code ID.SHARD.progress.json}. */
    private Map<String, Progress> shardProgress(String id) {
        Map<String, Progress> shards = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, id + ".*" + PROGRESS_SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                shards.put(name.substring(id.length() + 1, name.length() - PROGRESS_SUFFIX.length()),
                        TaskJson.readProgress(readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return shards;
    }

    @Override
    public List<MigrationTask> list() {
        List<MigrationTask> tasks = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.endsWith(PROGRESS_SUFFIX))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .forEach(id -> find(id).ifPresent(tasks::add));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        tasks.sort(Comparator.comparing(MigrationTask::createdAt).reversed());
        return tasks;
    }

    @Override
    public MigrationTask update(MigrationTask changed) {
        return locked(() -> {
            MigrationTask current = readTask(changed.id())
                    .orElseThrow(() -> new TaskNotFoundException("task " + changed.id() + " no longer exists"));
            if (current.version() != changed.version()) {
                throw new TaskConflictException("task " + changed.id() + " was changed by someone else (version "
                        + current.version() + ", expected " + changed.version() + ")");
            }
            // Progress lives in its own files; the task file never carries a stale copy of it.
            MigrationTask stored = changed.atVersion(changed.version() + 1).withoutProgress();
            writeAtomically(taskFile(changed.id()), TaskJson.write(stored));
            return stored;
        });
    }

    @Override
    public void saveProgress(String id, SyncShard sync, Progress progress) {
        writeAtomically(progressFile(id, sync), TaskJson.write(progress));
    }

    private Optional<MigrationTask> readTask(String id) {
        Path file = taskFile(id);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(TaskJson.readTask(readString(file)));
    }

    private Path taskFile(String id) {
        return dir.resolve(id + ".json");
    }

    private Path progressFile(String id, SyncShard sync) {
        if (sync.whole()) {
            return dir.resolve(id + PROGRESS_SUFFIX);
        }
        if (!isSafeId(sync.id())) {
            throw new IllegalArgumentException("shard id '" + sync.id() + "' cannot name a progress file");
        }
        return dir.resolve(id + "." + sync.id() + PROGRESS_SUFFIX);
    }

    /** Ids come from users too (resolve by id or name): never let one name a path outside the directory. */
    private static boolean isSafeId(String id) {
        return id != null && id.matches("[A-Za-z0-9_-]{1,64}");
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void writeAtomically(Path file, String content) {
        try {
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.write(StandardCharsets.UTF_8.encode(content));
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private <T> T locked(Supplier<T> action) {
        // File locks are per JVM: threads (or two stores on one dir) in this JVM queue on a monitor first.
        synchronized (JVM_LOCKS.computeIfAbsent(dir.toAbsolutePath().normalize(), k -> new Object())) {
            try (FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                return action.get();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock " + dir, e);
            }
        }
    }
}
