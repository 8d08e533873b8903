package dev.redismigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.core.store.LocalFileTaskStore;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.testkit.RedisServers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import redis.clients.jedis.Jedis;

/**
 * kill -9 of a running {@code redis-migrate migrate} while an application writes non-idempotent commands, then
 * {@code redis-migrate resume}: every acknowledged write is on the target exactly once.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ResumeCommandIT {
    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @TempDir
    Path stateDir;

    @Test
    void resumeAfterKillNineAppliesEveryAcknowledgedWriteExactlyOnce() throws Exception {
        RedisServers.Pair pair = redis.sourceAndTarget();
        String aclBefore;
        try (Jedis t = pair.target().client()) {
            aclBefore = String.join("\n", t.aclList());
        }
        AtomicLong increments = new AtomicLong();
        AtomicLong pushes = new AtomicLong();
        Thread application = new Thread(() -> {
            try (Jedis s = pair.source().client()) {
                while (!Thread.currentThread().isInterrupted()) {
                    s.incr("counter");
                    increments.incrementAndGet();
                    s.lpush("events", "e");
                    pushes.incrementAndGet();
                    s.incrByFloat("float", 0.5);
                    Thread.sleep(2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        application.start();

        Process first = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                "dev.redismigrate.cli.Main", "migrate", "--source", pair.source().uri(), "--target", pair.target().uri(),
                "--name", "crashy", "--json-progress", "--state-dir", stateDir.toString())
                .redirectErrorStream(true).redirectOutput(stateDir.resolve("first-run.log").toFile()).start();
        TaskStore store = new LocalFileTaskStore(stateDir);
        awaitStreaming(store, first);
        Thread.sleep(1500);
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Thread.sleep(1000);
        application.interrupt();
        application.join(5000);

        MigrationTask crashed = store.resolve("crashy");
        assertThat(crashed.status()).isEqualTo(TaskStatus.SYNCING);
        assertThat(crashed.lock()).isNotNull();

        StringWriter out = new StringWriter();
        CommandLine cli = RedisMigrateCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int exit = cli.execute("resume", "crashy", "--finish-when-synced", "--verify", "full", "--state-dir", stateDir.toString());

        assertThat(exit).as(out.toString()).isEqualTo(RedisMigrateCommand.EXIT_OK);
        assertThat(out.toString()).contains("resuming task crashy");
        try (Jedis s = pair.source().client(); Jedis t = pair.target().client()) {
            assertThat(t.get("counter")).isEqualTo(Long.toString(increments.get())).isEqualTo(s.get("counter"));
            assertThat(t.llen("events")).isEqualTo(pushes.get());
            assertThat(t.get("float")).isEqualTo(s.get("float"));
            assertThat(String.join("\n", t.aclList())).isEqualTo(aclBefore);
            assertThat(t.keys("__redis-migrate:*")).isEmpty();
        }
        assertThat(store.resolve("crashy").status()).isEqualTo(TaskStatus.FINISHED);
    }

    @Test
    void onlyASyncingOrFailedTaskCanBeResumed() {
        StringWriter err = new StringWriter();
        CommandLine cli = RedisMigrateCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("resume", "missing", "--state-dir", stateDir.toString())).isEqualTo(RedisMigrateCommand.EXIT_USAGE);
        assertThat(err.toString()).contains("no task has the id or name 'missing'");
    }

    private static void awaitStreaming(TaskStore store, Process first) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!first.isAlive()) {
                throw new AssertionError("the first migrate process exited early with " + first.exitValue());
            }
            boolean streaming = store.list().stream().anyMatch(t -> t.progress() != null
                    && t.progress().phase() == SyncPhase.INCREMENTAL && t.progress().appliedOffset() > 0);
            if (streaming) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the first run did not reach the incremental phase in time");
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

}
