package dev.redismigrate.cli;

import static dev.redismigrate.cli.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.lock.LockStrategy;
import dev.redismigrate.core.store.LocalFileTaskStore;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** The local lifecycle through the command line, on real servers: what an operator runs. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MigrateCommandIT {
    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @TempDir
    Path stateDir;

    @Test
    void migratesVerifiesAndPutsTheSourceAndTargetBackAsTheyWere() {
        RedisServer source = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().password("src-secret"));
        RedisServer target = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().password("dst-secret"));
        String aclBefore;
        Map<String, String> backlogBefore;
        try (Jedis s = source.client(); Jedis t = target.client()) {
            for (int i = 0; i < 500; i++) {
                s.set("k" + i, "v" + i);
            }
            s.hset("h", Map.of("a", "1"));
            s.select(2);
            s.rpush("list", "a", "b");
            aclBefore = String.join("\n", t.aclList());
            backlogBefore = s.configGet("repl-backlog-size");
        }

        CommandRun run = run("migrate", "--source", "redis://:src-secret@" + source.host() + ":" + source.port(),
                "--target", "redis://:dst-secret@" + target.host() + ":" + target.port(),
                "--name", "orders", "--finish-when-synced", "--verify", "full", "--state-dir", stateDir.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(RedisMigrateCommand.EXIT_OK);
        assertThat(run.out()).contains("target locked").contains("finished: parameters restored, target unlocked")
                .contains("status    FINISHED");
        assertThat(run.out() + run.err()).doesNotContain("src-secret").doesNotContain("dst-secret");
        try (Jedis s = source.client(); Jedis t = target.client()) {
            assertThat(t.dbSize()).isEqualTo(501);
            assertThat(t.get("k42")).isEqualTo("v42");
            t.select(2);
            assertThat(t.lrange("list", 0, -1)).containsExactly("a", "b");
            assertThat(String.join("\n", t.aclList())).isEqualTo(aclBefore);
            assertThat(s.configGet("repl-backlog-size")).isEqualTo(backlogBefore);
        }
        TaskStore store = new LocalFileTaskStore(stateDir);
        MigrationTask task = store.resolve("orders");
        assertThat(task.status()).isEqualTo(TaskStatus.FINISHED);
        assertThat(task.lock()).isNull();
        assertThat(task.summary().targetKeys()).containsKeys(0, 2);
    }

    @Test
    void otherWritersAreRefusedWhileSyncingAndFinishComesFromAnotherCommand() throws Exception {
        RedisServers.Pair pair = redis.sourceAndTarget();
        try (Jedis s = pair.source().client()) {
            s.set("a", "1");
        }
        Jedis otherApp = pair.target().client();
        CompletableFuture<CommandRun> migration = CompletableFuture.supplyAsync(() -> run("migrate", "--source", pair.source().uri(),
                "--target", pair.target().uri(), "--name", "live", "--state-dir", stateDir.toString()));

        TaskStore store = new LocalFileTaskStore(stateDir);
        awaitSyncing(store);
        try {
            otherApp.set("intruder", "x");
            throw new AssertionError("a write by another user was accepted during the migration");
        } catch (JedisDataException refused) {
            assertThat(refused.getMessage()).contains("NOPERM");
        }
        try (Jedis s = pair.source().client()) {
            s.set("b", "2");
        }
        CommandRun finish = run("finish", "live", "--state-dir", stateDir.toString());
        assertThat(finish.exit()).isEqualTo(RedisMigrateCommand.EXIT_OK);

        CommandRun done = migration.get(90, TimeUnit.SECONDS);
        assertThat(done.exit()).as(done.out() + done.err()).isEqualTo(RedisMigrateCommand.EXIT_OK);
        otherApp.set("after", "ok");
        otherApp.close();
        try (Jedis t = pair.target().client()) {
            assertThat(t.mget("a", "b", "after")).isEqualTo(List.of("1", "2", "ok"));
        }
    }

    @Test
    void cancelDuringSyncCleansUpAndExitsFive() throws Exception {
        RedisServers.Pair pair = redis.sourceAndTarget();
        CompletableFuture<CommandRun> migration = CompletableFuture.supplyAsync(() -> run("migrate", "--source", pair.source().uri(),
                "--target", pair.target().uri(), "--name", "stop-me", "--state-dir", stateDir.toString()));
        awaitSyncing(new LocalFileTaskStore(stateDir));

        assertThat(run("cancel", "stop-me", "--state-dir", stateDir.toString()).exit()).isEqualTo(0);

        CommandRun done = migration.get(60, TimeUnit.SECONDS);
        assertThat(done.exit()).isEqualTo(RedisMigrateCommand.EXIT_CANCELLED);
        try (Jedis t = pair.target().client()) {
            assertThat(t.aclList()).hasSize(1);
            t.set("writable", "again");
        }
        CommandRun status = run("status", "stop-me", "--state-dir", stateDir.toString());
        assertThat(status.out()).contains("CANCELLED");
    }

    /** SIGTERM runs the shutdown hooks as Ctrl-C does; a test's child JVM may have SIGINT ignored by its launcher. */
    @Test
    void anInterruptCancelsCleansUpAndExitsFiveOnceDone(@TempDir Path logs) throws Exception {
        RedisServers.Pair pair = redis.sourceAndTarget();
        Path log = logs.resolve("migrate.log");
        Process migrate = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "migrate",
                "--source", pair.source().uri(), "--target", pair.target().uri(), "--name", "interrupt-me",
                "--state-dir", stateDir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitSyncing(new LocalFileTaskStore(stateDir));

            migrate.destroy();

            assertThat(migrate.waitFor(90, TimeUnit.SECONDS)).as("exited").isTrue();
            assertThat(migrate.exitValue()).as(Files.readString(log)).isEqualTo(RedisMigrateCommand.EXIT_CANCELLED);
        } finally {
            migrate.destroyForcibly();
        }
        assertThat(Files.readString(log)).contains("interrupted: cancelling").contains("CANCELLED");
        assertThat(new LocalFileTaskStore(stateDir).resolve("interrupt-me").status()).isEqualTo(TaskStatus.CANCELLED);
        try (Jedis t = pair.target().client()) {
            assertThat(t.aclList()).as("the lock's user is gone").hasSize(1);
        }
    }

    @Test
    void validationErrorStopsBeforeAnythingIsChanged() {
        RedisServers.Pair pair = redis.sourceAndTarget();
        try (Jedis t = pair.target().client()) {
            t.set("already", "here");
        }
        CommandRun run = run("migrate", "--source", pair.source().uri(), "--target", pair.target().uri(),
                "--state-dir", stateDir.toString());
        assertThat(run.exit()).isEqualTo(RedisMigrateCommand.EXIT_VALIDATION_ERROR);
        assertThat(run.out()).contains("target.empty").contains("nothing was changed");
    }

    @Test
    void aTargetThatCannotBeLockedNeedsTheFlagAndThenMigratesUnlockedWithTheStrategyRecorded() {
        RedisServer source = redis.start(RedisVersion.SYSTEM);
        // the task's target user may do everything but change ACL users: the lock cannot be taken
        RedisServer target = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().password("admin-secret")
                .aclUser("loader on >loader-secret ~* &* +@all -acl"));
        try (Jedis s = source.client()) {
            s.set("a", "1");
        }
        String targetUri = "redis://loader:loader-secret@" + target.host() + ":" + target.port();

        CommandRun refused = run("validate", "--source", source.uri(), "--target", targetUri, "--state-dir", stateDir.toString());
        assertThat(refused.exit()).as(refused.out()).isEqualTo(RedisMigrateCommand.EXIT_VALIDATION_ERROR);
        assertThat(refused.out()).contains("ERROR    target.lockable").contains("--allow-unlocked-target");

        CommandRun run = run("migrate", "--source", source.uri(), "--target", targetUri, "--allow-unlocked-target",
                "--name", "unlocked", "--finish-when-synced", "--verify", "counts", "--state-dir", stateDir.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(RedisMigrateCommand.EXIT_OK);
        assertThat(run.out()).contains("WARNING  target.lockable").contains("target not locked (strategy none")
                .contains("lock      none (accepted with --allow-unlocked-target)").doesNotContain("loader-secret");
        MigrationTask task = new LocalFileTaskStore(stateDir).resolve("unlocked");
        assertThat(task.status()).isEqualTo(TaskStatus.FINISHED);
        assertThat(task.target().allowUnlocked()).isTrue();
        assertThat(task.lastValidation().lockStrategy()).isEqualTo(LockStrategy.NONE);
        try (Jedis t = target.client()) {
            assertThat(t.get("a")).isEqualTo("1");
        }
    }

    @Test
    void finishingATaskThatIsNotRunningIsAUsageError() {
        CommandRun run = run("finish", "nope", "--state-dir", stateDir.toString());
        assertThat(run.exit()).isEqualTo(RedisMigrateCommand.EXIT_USAGE);
        assertThat(run.err()).startsWith("redis-migrate: no task has the id or name 'nope'");
    }

    @Test
    void aTaskNameWithAControlCharacterIsAUsageErrorBeforeAnyTaskExists() {
        CommandRun run = run("migrate", "--source", "redis://127.0.0.1:1", "--target", "redis://127.0.0.1:2",
                "--name", "orders\u001b[2J", "--state-dir", stateDir.toString());

        assertThat(run.exit()).isEqualTo(RedisMigrateCommand.EXIT_USAGE);
        assertThat(run.err()).startsWith("redis-migrate: the task name has a control character (U+001B, its character 7)")
                .doesNotContain("\u001b");
        assertThat(new LocalFileTaskStore(stateDir).list()).isEmpty();
    }

    private static void awaitSyncing(TaskStore store) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            boolean streaming = store.list().stream().anyMatch(t -> t.status() == TaskStatus.SYNCING
                    && t.progress() != null && t.progress().phase().name().equals("INCREMENTAL"));
            if (streaming) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the migration did not reach the incremental phase in time");
    }
}
