package dev.redismigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.core.store.LocalFileTaskStore;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.testkit.AcknowledgedWrites;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * kill -9 of a running {@code redis-migrate migrate} (during the snapshot transfer, while the snapshot is applied,
 * during the stream) while an application writes non-idempotent commands, then {@code redis-migrate resume}: every
 * acknowledged write is on the target exactly once, the target equals the source (verified in full before finishing),
 * and the task says how it resumed. A source that stays down ends the task FAILED at the deadline, cleaned up.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ResumeCommandIT {
    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @TempDir
    Path stateDir;

    record Run(int exit, String out) {
    }

    @Test
    void resumeAfterKillNineDuringTheStreamAppliesEveryAcknowledgedWriteExactlyOnce() throws Exception {
        RedisServers.Pair pair = quickPair();
        String aclBefore = aclOf(pair.target());
        TaskStore store = new LocalFileTaskStore(stateDir);
        try (AcknowledgedWrites writes = AcknowledgedWrites.start(pair.source())) {
            Process first = startMigrate(pair, "crashy");
            try {
                awaitProgress(store, first, p -> p.phase() == SyncPhase.INCREMENTAL && p.appliedOffset() > 0);
                writes.awaitMore(3000, Duration.ofSeconds(10));
            } finally {
                first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            writes.awaitMore(2000, Duration.ofSeconds(10));
            writes.close();

            MigrationTask crashed = store.resolve("crashy");
            assertThat(crashed.status()).isEqualTo(TaskStatus.SYNCING);
            assertThat(crashed.lock()).isNotNull();

            Run resumed = run("resume", "crashy", "--finish-when-synced", "--verify", "full");

            assertThat(resumed.exit()).as(resumed.out()).isEqualTo(RedisMigrateCommand.EXIT_OK);
            assertThat(resumed.out()).contains("resuming task crashy").contains("event: resume - continuing from offset");
            assertExact(pair, writes, aclBefore);
        }
        assertThat(store.resolve("crashy").status()).isEqualTo(TaskStatus.FINISHED);
    }

    @Test
    void resumeAfterKillNineDuringTheSnapshotTransferRedoesTheSnapshot() throws Exception {
        RedisServers.Pair pair = quickPair();
        load(pair.source(), 20_000, 100);
        String aclBefore = aclOf(pair.target());
        TaskStore store = new LocalFileTaskStore(stateDir);
        try (AcknowledgedWrites writes = AcknowledgedWrites.start(pair.source());
             Jedis s = pair.source().client()) {
            s.configSet("rdb-key-save-delay", "300"); // 20,000 keys take 6 s or more to reach us
            Process first = startMigrate(pair, "transfer");
            try {
                // the snapshot is arriving (a diskless transfer's size is known only at its end)
                awaitProgress(store, first, p -> p.phase() == SyncPhase.FULL_SYNC
                        && p.snapshotBytesReceived() > 100_000 && p.snapshotBytesTotal() < 0);
            } finally {
                first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            s.configSet("rdb-key-save-delay", "0");
            writes.awaitMore(2000, Duration.ofSeconds(10));
            writes.close();

            Run resumed = run("resume", "transfer", "--finish-when-synced", "--verify", "full");

            assertThat(resumed.exit()).as(resumed.out()).isEqualTo(RedisMigrateCommand.EXIT_OK);
            assertThat(resumed.out()).contains("event: resync - an earlier attempt stopped during the snapshot");
            assertExact(pair, writes, aclBefore);
        }
        assertThat(status("transfer")).contains("status    FINISHED")
                .contains("resumed   resync: an earlier attempt stopped during the snapshot: the target is flushed");
    }

    @Test
    void resumeAfterKillNineWhileTheSnapshotIsAppliedRedoesTheSnapshot() throws Exception {
        RedisServers.Pair pair = quickPair();
        load(pair.source(), 200_000, 100);
        String aclBefore = aclOf(pair.target());
        TaskStore store = new LocalFileTaskStore(stateDir);
        try (AcknowledgedWrites writes = AcknowledgedWrites.start(pair.source());
             Jedis t = pair.target().client()) {
            Process first = startMigrate(pair, "apply");
            try {
                awaitProgress(store, first, p -> p.phase() == SyncPhase.FULL_SYNC);
                // the target stalls: the whole snapshot arrives, the writes sent to the target wait in its socket
                pair.target().pause();
                awaitProgress(store, first, p -> p.snapshotBytesTotal() > 0
                        && p.snapshotBytesReceived() == p.snapshotBytesTotal());
            } finally {
                first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                pair.target().resume();
            }
            writes.awaitMore(2000, Duration.ofSeconds(10));
            writes.close();
            // what the dead process had sent is applied now: a partial snapshot under a "snapshot" checkpoint
            t.select(CheckpointKey.DB);
            assertThat(t.hget(CheckpointKey.forTask(store.resolve("apply").id()), "state")).isEqualTo("snapshot");
            assertThat(t.dbSize()).isBetween(2L, 200_000L);

            // the finish gate's full verification is throttled for production (20,000 keys/s): too slow here
            Run resumed = run("resume", "apply", "--finish-when-synced", "--verify", "counts");

            assertThat(resumed.exit()).as(resumed.out()).isEqualTo(RedisMigrateCommand.EXIT_OK);
            assertThat(resumed.out()).contains("event: resync - an earlier attempt stopped during the snapshot");
            assertExact(pair, writes, aclBefore);
        }
        assertFullyEqual(pair);
    }

    @Test
    void aSourceThatStaysDownEndsTheTaskFailedAndCleanedUpThenResumeFinishesIt() throws Exception {
        RedisServer source = redis.start(RedisVersion.SYSTEM, quickReplication()
                .set("appendonly", "yes").set("appendfsync", "always"));
        RedisServer target = redis.start(RedisVersion.SYSTEM);
        RedisServers.Pair pair = new RedisServers.Pair(source, target);
        load(source, 1000, 10);
        String aclBefore = aclOf(target);
        Map<String, String> parametersBefore;
        try (Jedis s = source.client()) {
            parametersBefore = s.configGet("repl-backlog-size");
        }
        TaskStore store = new LocalFileTaskStore(stateDir);
        CompletableFuture<Run> migration = CompletableFuture.supplyAsync(() -> run("migrate", "--source", source.uri(),
                "--target", target.uri(), "--name", "down", "--give-up-after", "2s"));
        awaitProgress(store, null, p -> p.phase() == SyncPhase.INCREMENTAL);
        source.kill();

        Run failed = migration.get(60, TimeUnit.SECONDS);

        assertThat(failed.exit()).as(failed.out()).isEqualTo(RedisMigrateCommand.EXIT_FAILURE);
        MigrationTask task = store.resolve("down");
        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.failure()).startsWith("sync gave up after 2 s of failures: cannot connect to " + source.uri())
                .contains("cleanup failed: restoring source parameters").doesNotContain("\n");
        assertThat(failed.out()).contains("FAILED: sync gave up after 2 s");
        assertThat(aclOf(target)).isEqualTo(aclBefore); // unlocked although the source is gone

        source.restart();
        Run resumed = run("resume", "down", "--finish-when-synced", "--verify", "full");

        assertThat(resumed.exit()).as(resumed.out()).isEqualTo(RedisMigrateCommand.EXIT_OK);
        assertThat(resumed.out()).contains("event: resync - the source's replication id changed");
        try (Jedis s = source.client(); Jedis t = target.client()) {
            assertThat(t.dbSize()).isEqualTo(1000);
            assertThat(s.configGet("repl-backlog-size")).isEqualTo(parametersBefore);
        }
        assertThat(aclOf(target)).isEqualTo(aclBefore);
    }

    @Test
    void aTargetRestartedWithoutItsDataStopsTheTaskWithTheCauseAndResumeRedoesTheFullSync() throws Exception {
        RedisServers.Pair pair = quickPair();
        load(pair.source(), 1000, 10);
        String aclBefore = aclOf(pair.target());
        TaskStore store = new LocalFileTaskStore(stateDir);
        CompletableFuture<Run> migration = CompletableFuture.supplyAsync(() -> run("migrate", "--source",
                pair.source().uri(), "--target", pair.target().uri(), "--name", "amnesia"));
        awaitProgress(store, null, p -> p.phase() == SyncPhase.INCREMENTAL);
        pair.target().restart(); // no persistence: data, checkpoint and the lock's migration user are gone

        Run failed = migration.get(60, TimeUnit.SECONDS);

        assertThat(failed.exit()).as(failed.out()).isEqualTo(RedisMigrateCommand.EXIT_FAILURE);
        assertThat(store.resolve("amnesia").failure()).contains("refused the credentials")
                .contains("most likely restarted").doesNotContain("\n");
        assertThat(aclOf(pair.target())).isEqualTo(aclBefore);

        Run resumed = run("resume", "amnesia", "--finish-when-synced", "--verify", "full");

        assertThat(resumed.exit()).as(resumed.out()).isEqualTo(RedisMigrateCommand.EXIT_OK);
        assertThat(resumed.out()).contains("event: resync - the target holds no checkpoint of this task");
        try (Jedis t = pair.target().client()) {
            assertThat(t.dbSize()).isEqualTo(1000);
        }
        assertThat(aclOf(pair.target())).isEqualTo(aclBefore);
    }

    @Test
    void onlyASyncingOrFailedTaskCanBeResumed() {
        StringWriter err = new StringWriter();
        CommandLine cli = RedisMigrateCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("resume", "missing", "--state-dir", stateDir.toString())).isEqualTo(RedisMigrateCommand.EXIT_USAGE);
        assertThat(err.toString()).contains("no task has the id or name 'missing'");
    }

    /** Diskless transfers start at once (7.0 waits 5 s by default for more replicas). */
    private RedisServers.Pair quickPair() {
        return new RedisServers.Pair(redis.start(RedisVersion.SYSTEM, quickReplication()), redis.start(RedisVersion.SYSTEM));
    }

    private static RedisServerConfig quickReplication() {
        return RedisServerConfig.defaults().set("repl-diskless-sync-delay", "0");
    }

    private void assertExact(RedisServers.Pair pair, AcknowledgedWrites writes, String aclBefore) {
        try (Jedis s = pair.source().client(); Jedis t = pair.target().client()) {
            assertThat(writes.differences(t)).as(writes.toString()).isEmpty();
            assertThat(writes.differences(s)).isEmpty();
            assertThat(t.dbSize()).isEqualTo(s.dbSize());
            assertThat(t.keys(CheckpointKey.INTERNAL_PREFIX + "*")).isEmpty();
        }
        assertThat(aclOf(pair.target())).isEqualTo(aclBefore);
    }

    /** {@code redis-migrate verify} of every key, unthrottled. */
    private static void assertFullyEqual(RedisServers.Pair pair) {
        StringWriter out = new StringWriter();
        CommandLine cli = RedisMigrateCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int exit = cli.execute("verify", "--source", pair.source().uri(), "--target", pair.target().uri(), "--mode", "full",
                "--rate", "0");
        assertThat(exit).as(out.toString()).isEqualTo(RedisMigrateCommand.EXIT_OK);
    }

    /** {@code migrate} in a child JVM, so it can be killed with SIGKILL. */
    private Process startMigrate(RedisServers.Pair pair, String name) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.redismigrate.cli.Main", "migrate",
                "--source", pair.source().uri(), "--target", pair.target().uri(), "--name", name, "--json-progress",
                "--state-dir", stateDir.toString())
                .redirectErrorStream(true).redirectOutput(stateDir.resolve(name + "-first-run.log").toFile()).start();
    }

    /** Waits for a progress report (saved in the task store once a second) that meets the condition. */
    private static void awaitProgress(TaskStore store, Process process, Predicate<Progress> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new AssertionError("the migrate process exited early with " + process.exitValue());
            }
            if (store.list().stream().anyMatch(t -> t.progress() != null && condition.test(t.progress()))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no progress report met the condition in time");
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = RedisMigrateCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        String[] withState = Stream.concat(Arrays.stream(args), Stream.of("--state-dir", stateDir.toString()))
                .toArray(String[]::new);
        return new Run(cli.execute(withState), out.toString());
    }

    private String status(String task) {
        return run("status", task).out();
    }

    private static void load(RedisServer server, int keys, int valueBytes) {
        try (Jedis jedis = server.client()) {
            Pipeline p = jedis.pipelined();
            for (int i = 0; i < keys; i++) {
                p.set("base:" + i, i + ":" + "v".repeat(valueBytes));
            }
            p.sync();
        }
    }

    private static String aclOf(RedisServer server) {
        try (Jedis jedis = server.client()) {
            return String.join("\n", jedis.aclList());
        }
    }
}
