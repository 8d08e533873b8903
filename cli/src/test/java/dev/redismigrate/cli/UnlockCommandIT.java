package dev.redismigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.core.store.LocalFileTaskStore;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A target left locked because the final unlock failed: the task and the end of {@code migrate} say so with the
 * command to run, {@code redis-migrate unlock} fails again in one line while the target is away and puts every ACL
 * rule back once it is there, and a new task can lock the target afterwards. A running task is refused, and holds its
 * target under any spelling of it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class UnlockCommandIT {
    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @TempDir
    Path stateDir;

    @TempDir
    Path aclDir;

    record Run(int exit, String out, String err) {
    }

    @Test
    void aFailedFinalUnlockIsShownWithTheHintAndUnlockPutsEveryRuleBackOnceTheTargetIsThere() throws Exception {
        // The target keeps its users in an ACL file, so that the lock saved into it survives the target's restart.
        Path users = Files.writeString(aclDir.resolve("users.acl"),
                "user default on nopass ~* &* +@all\nuser app on >app-secret ~* &* +@all\n");
        RedisServer source = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().set("repl-diskless-sync-delay", "0"));
        RedisServer target = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().set("aclfile", users.toString()));
        try (Jedis s = source.client()) {
            s.set("a", "1");
        }
        String aclBefore = aclOf(target);
        TaskStore store = new LocalFileTaskStore(stateDir);
        CompletableFuture<Run> migration = CompletableFuture.supplyAsync(() -> run("migrate", "--source", source.uri(),
                "--target", target.uri(), "--name", "stuck", "--give-up-after", "2s"));
        awaitProgress(store, p -> p.phase() == SyncPhase.INCREMENTAL);
        try (Jedis t = target.client()) {
            t.aclSave(); // the locked rules, as a crash or a restart would find them
        }
        target.kill(); // the sync gives up after 2 s, and the final unlock cannot reach the target

        Run failed = migration.get(90, TimeUnit.SECONDS);

        MigrationTask task = store.resolve("stuck");
        String hint = "run `redis-migrate unlock " + task.id() + "`";
        assertThat(failed.exit()).as(failed.out() + failed.err()).isEqualTo(RedisMigrateCommand.EXIT_FAILURE);
        assertThat(failed.out()).contains("WARNING   target STILL LOCKED: ").contains(hint);
        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.lock()).isNotNull();
        assertThat(task.unlockFailure()).isNotBlank().doesNotContain("\n");
        assertThat(run("status", "stuck").out()).contains("target STILL LOCKED: " + task.unlockFailure()).contains(hint)
                .contains("lock      acl since " + task.lock().lockedAt());
        assertThat(run("list").out()).contains("STILL-LOCKED").contains(hint);

        Run stillAway = run("unlock", "stuck");
        assertThat(stillAway.exit()).isEqualTo(RedisMigrateCommand.EXIT_FAILURE);
        assertThat(stillAway.err().strip()).startsWith("redis-migrate: unlock failed: ")
                .contains("The target " + target.uri() + " is STILL LOCKED")
                .contains("`redis-migrate unlock " + task.id() + "` again").doesNotContain("\n");
        assertThat(store.resolve("stuck").lock()).isEqualTo(task.lock());

        target.restart(); // back, with the locked rules of its ACL file
        try (Jedis app = target.client()) {
            app.auth("app", "app-secret");
            try {
                app.set("intruder", "x");
                throw new AssertionError("the restarted target should still be locked");
            } catch (JedisDataException refused) {
                assertThat(refused.getMessage()).contains("NOPERM");
            }
        }

        Run unlocked = run("unlock", "stuck");

        assertThat(unlocked.exit()).as(unlocked.out() + unlocked.err()).isEqualTo(RedisMigrateCommand.EXIT_OK);
        assertThat(unlocked.out()).contains("lock strategy acl").contains("ACL rules of 2 user(s) put back")
                .contains("migration user redis-migrate-" + task.id() + " deleted")
                .contains("claim     released on 127.0.0.1:" + target.port());
        assertThat(aclOf(target)).isEqualTo(aclBefore);
        MigrationTask after = store.resolve("stuck");
        assertThat(after.lock()).isNull();
        assertThat(after.unlockFailure()).isNull();
        assertThat(run("status", "stuck").out()).doesNotContain("STILL LOCKED");
        assertThat(run("unlock", "stuck").exit()).as("unlocking again changes nothing").isZero();

        Run next = run("migrate", "--source", source.uri(), "--target", target.uri(), "--name", "next",
                "--finish-when-synced", "--verify", "counts");
        assertThat(next.exit()).as(next.out() + next.err()).isEqualTo(RedisMigrateCommand.EXIT_OK);
        assertThat(next.out()).contains("target locked (acl): only the migration user redis-migrate-");
        assertThat(aclOf(target)).isEqualTo(aclBefore);
    }

    @Test
    void aRunningTaskCannotBeUnlockedAndHoldsItsTargetUnderAnySpelling() throws Exception {
        RedisServers.Pair pair = redis.sourceAndTarget();
        TaskStore store = new LocalFileTaskStore(stateDir);
        CompletableFuture<Run> migration = CompletableFuture.supplyAsync(() -> run("migrate", "--source",
                pair.source().uri(), "--target", pair.target().uri(), "--name", "busy"));
        awaitProgress(store, p -> p.phase() == SyncPhase.INCREMENTAL);

        Run refused = run("unlock", "busy");
        assertThat(refused.exit()).isEqualTo(RedisMigrateCommand.EXIT_USAGE);
        assertThat(refused.err()).contains("is SYNCING and still running: process " + ProcessHandle.current().pid()
                + " runs it").contains("finish or cancel it");

        Run other = run("validate", "--source", pair.source().uri(), "--target",
                "redis://localhost:" + pair.target().port());
        assertThat(other.exit()).isEqualTo(RedisMigrateCommand.EXIT_VALIDATION_ERROR);
        assertThat(other.out()).contains("ERROR    task.target-free")
                .contains("localhost:" + pair.target().port() + " (127.0.0.1:" + pair.target().port() + ")")
                .contains(store.resolve("busy").id());

        assertThat(run("cancel", "busy").exit()).isZero();
        assertThat(migration.get(60, TimeUnit.SECONDS).exit()).isEqualTo(RedisMigrateCommand.EXIT_CANCELLED);
    }

    /** Waits for a progress report (saved in the task store once a second) that meets the condition. */
    private static void awaitProgress(TaskStore store, Predicate<Progress> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (store.list().stream().anyMatch(t -> t.progress() != null && condition.test(t.progress()))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no progress report met the condition in time");
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = RedisMigrateCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] withState = Stream.concat(Arrays.stream(args), Stream.of("--state-dir", stateDir.toString()))
                .toArray(String[]::new);
        return new Run(cli.execute(withState), out.toString(), err.toString());
    }

    private static String aclOf(RedisServer server) {
        try (Jedis jedis = server.client()) {
            return String.join("\n", jedis.aclList());
        }
    }
}
