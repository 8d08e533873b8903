package dev.redismigrate.benchmark;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.sync.ReplicationSyncRunner;
import dev.redismigrate.sync.SyncSettings;
import dev.redismigrate.testkit.RedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sync engine running in this JVM in the background, reporting its progress every 100 ms, until
 * {@link #finish()}: what the incremental row watches (its lag reports are finer than the CLI's once a second).
 */
final class EngineRun {
    private final AtomicBoolean finish = new AtomicBoolean();
    private final AtomicReference<Progress> latest = new AtomicReference<>();
    private final Thread thread;

    EngineRun(RedisServer source, RedisServer target) throws IOException {
        SyncRunner runner = new ReplicationSyncRunner(new LocalSecretResolver(), SyncSettings.defaults()
                .withSpoolDir(Files.createTempDirectory("bench-spool")).withReportEvery(Duration.ofMillis(100)));
        SyncRunner.Control control = new SyncRunner.Control() {
            @Override
            public DesiredState desired() {
                return finish.get() ? DesiredState.FINISH : DesiredState.RUN;
            }

            @Override
            public boolean readyToStop(Progress drained) {
                return true;
            }
        };
        thread = new Thread(() -> runner.run(new SyncRunner.Request("bench", endpoint(source), endpoint(target)),
                control, latest::set), "engine");
        thread.start();
    }

    /** The latest progress report, or null before the first. */
    Progress latest() {
        return latest.get();
    }

    void awaitStreaming() throws InterruptedException {
        while (latest.get() == null || latest.get().phase() != SyncPhase.INCREMENTAL) {
            if (!thread.isAlive()) {
                throw new IllegalStateException("the engine stopped before streaming");
            }
            Thread.sleep(5);
        }
    }

    /** Whether the engine has reported the target applied the source's stream up to this offset. */
    boolean applied(long sourceOffset) {
        if (!thread.isAlive()) {
            throw new IllegalStateException("the engine stopped while streaming");
        }
        return latest.get().appliedOffset() >= sourceOffset;
    }

    void finish() throws InterruptedException {
        finish.set(true);
        thread.join(120_000);
    }

    private static RedisEndpoint endpoint(RedisServer server) {
        return RedisEndpoint.of(server.host(), server.port());
    }
}
