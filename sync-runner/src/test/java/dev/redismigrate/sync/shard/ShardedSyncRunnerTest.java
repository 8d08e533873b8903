package dev.redismigrate.sync.shard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.sync.SyncSettings;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Before any shard syncs, the runner waits for a server that does not answer; a CANCEL meanwhile ends the wait. */
class ShardedSyncRunnerTest {
    @TempDir
    Path spool;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aCancelWhileTheSourceDoesNotAnswerEndsTheRunCancelled() throws Exception {
        RedisEndpoint nobody = RedisEndpoint.of("127.0.0.1", closedPort());
        AtomicInteger asked = new AtomicInteger();
        SyncRunner.Control cancelledWhileWaiting = new SyncRunner.Control() {
            @Override
            public DesiredState desired() {
                return asked.incrementAndGet() > 2 ? DesiredState.CANCEL : DesiredState.RUN;
            }

            @Override
            public boolean readyToStop(Progress drained) {
                return false;
            }
        };
        ShardedSyncRunner runner = new ShardedSyncRunner(new LocalSecretResolver(), SyncSettings.defaults()
                .withSpoolDir(spool).withReportEvery(Duration.ofMillis(50)).withGiveUpAfter(Duration.ofMinutes(5)));

        SyncRunner.Result result = runner.run(new SyncRunner.Request("task-1", nobody, nobody), cancelledWhileWaiting,
                progress -> { });

        assertThat(result.stoppedBy()).isEqualTo(DesiredState.CANCEL);
        assertThat(result.summary().keysApplied()).isZero();
        assertThat(asked.get()).isEqualTo(3);
    }

    /** A port on the loopback nobody listens on (taken, then let go). */
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
