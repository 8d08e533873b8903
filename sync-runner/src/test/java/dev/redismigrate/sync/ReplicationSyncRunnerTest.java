package dev.redismigrate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.SyncFailedException;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.sync.entry.EntryQueue;
import dev.redismigrate.sync.failure.SyncFailure;
import dev.redismigrate.sync.resp.RespConnection;
import dev.redismigrate.sync.source.SyncSource;
import dev.redismigrate.sync.status.SyncState;
import dev.redismigrate.sync.ttl.PushedExpiries;
import dev.redismigrate.sync.writer.EntryWriter;
import dev.redismigrate.sync.writer.SyncTarget;
import dev.redismigrate.sync.writer.TargetConnections;
import dev.redismigrate.sync.writer.TargetFacts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the runner does with each kind of failure, through its seams: fakes of the source and target fail the way a
 * test says (nothing listens on the endpoints; progress samples find nobody and report anyway).
 */
class ReplicationSyncRunnerTest {
    private static final RedisEndpoint NOBODY = RedisEndpoint.of("127.0.0.1", 1);

    @TempDir
    Path spool;

    private final AtomicInteger connects = new AtomicInteger();
    private final List<String> removedCheckpoints = new CopyOnWriteArrayList<>();
    private final List<Progress> reports = new CopyOnWriteArrayList<>();
    private final AtomicReference<DesiredState> desired = new AtomicReference<>(DesiredState.RUN);

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aFailureNoRetryCuresEndsTheSyncAtOnceWithItsMessage() {
        SyncRunner runner = runnerWhoseTargetFails(() -> new SyncFailure(SyncFailure.Side.TARGET,
                SyncFailure.Kind.COMMAND_REJECTED, "target rejected SET 'k': ERR wrong number of arguments"));

        assertThatThrownBy(() -> run(runner)).isInstanceOf(SyncFailedException.class)
                .hasMessage("target rejected SET 'k': ERR wrong number of arguments");
        assertThat(connects).hasValue(1);
        assertThat(events()).isEmpty();
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aTargetRefusingCredentialsItAcceptedEarlierIsNamedAsMostLikelyRestarted() {
        AtomicInteger attempts = new AtomicInteger();
        SyncRunner runner = runner(() -> {
            if (attempts.incrementAndGet() == 1) {
                return new OpenedTarget(); // accepted; then the source link is lost and the session starts again
            }
            throw new SyncFailure(SyncFailure.Side.TARGET, SyncFailure.Kind.CREDENTIALS_REFUSED,
                    "target redis://127.0.0.1:1 refused the credentials: WRONGPASS");
        });

        assertThatThrownBy(() -> run(runner))
                .hasMessageStartingWith("target redis://127.0.0.1:1 refused the credentials: WRONGPASS (it accepted them"
                        + " earlier: the target most likely restarted");
        assertThat(events()).containsExactly("reconnect: source closed the replication link");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aTargetRefusingCredentialsAtTheFirstConnectionGetsNoRestartHint() {
        SyncRunner runner = runnerWhoseTargetFails(() -> new SyncFailure(SyncFailure.Side.TARGET,
                SyncFailure.Kind.CREDENTIALS_REFUSED, "target redis://127.0.0.1:1 refused the credentials: WRONGPASS"));

        assertThatThrownBy(() -> run(runner))
                .hasMessage("target redis://127.0.0.1:1 refused the credentials: WRONGPASS");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aLostConnectionIsRetriedWithReconnectEventsUntilTheFailuresLastLongerThanGiveUpAfter() {
        SyncRunner runner = runnerWhoseTargetFails(() -> new SyncFailure(SyncFailure.Side.TARGET,
                SyncFailure.Kind.CONNECTION, "cannot connect to redis://127.0.0.1:1: Connection refused"));

        assertThatThrownBy(() -> run(runner)).isInstanceOf(SyncFailedException.class)
                .hasMessage("sync gave up after 1 s of failures: cannot connect to redis://127.0.0.1:1: Connection refused");
        assertThat(connects.get()).isGreaterThan(1);
        assertThat(events()).contains("reconnect: cannot connect to redis://127.0.0.1:1: Connection refused");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aCancelWhileWaitingToReconnectEndsTheSyncAndRemovesTheCheckpoint() {
        SyncRunner runner = runnerWhoseTargetFails(() -> {
            desired.set(DesiredState.CANCEL);
            return new SyncFailure(SyncFailure.Side.TARGET, SyncFailure.Kind.CONNECTION, "connection reset");
        });

        SyncRunner.Result result = run(runner);

        assertThat(result.stoppedBy()).isEqualTo(DesiredState.CANCEL);
        assertThat(connects).hasValue(1);
        assertThat(removedCheckpoints).containsExactly("task-1");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void anUnclassifiedFailureIsRetriedLikeALostConnection() {
        SyncRunner runner = runnerWhoseTargetFails(() -> new IllegalStateException("something unexpected"));

        assertThatThrownBy(() -> run(runner)).hasMessage("sync gave up after 1 s of failures: something unexpected");
        assertThat(connects.get()).isGreaterThan(1);
    }

    private SyncRunner.Result run(SyncRunner runner) {
        return runner.run(new SyncRunner.Request("task-1", NOBODY, NOBODY), new SyncRunner.Control() {
            @Override
            public DesiredState desired() {
                return desired.get();
            }

            @Override
            public boolean readyToStop(Progress drained) {
                return true;
            }
        }, reports::add);
    }

    private List<String> events() {
        return reports.stream().map(Progress::lastEvent).filter(Objects::nonNull)
                .map(e -> e.kind() + ": " + e.reason()).distinct().toList();
    }

    private SyncRunner runnerWhoseTargetFails(Supplier<RuntimeException> failure) {
        return runner(() -> {
            throw failure.get();
        });
    }

    /** A runner whose target connects through {@code targets}, and whose source link is lost at once. */
    private SyncRunner runner(Supplier<SyncTarget> targets) {
        SyncSides fakes = new SyncSides() {
            @Override
            public SyncSource.Connector sources(Supplier<RespConnection> source) {
                return () -> {
                    throw new SyncFailure(SyncFailure.Side.SOURCE, SyncFailure.Kind.CONNECTION,
                            "source closed the replication link");
                };
            }

            @Override
            public SyncTarget.Connector targets(TargetConnections target) {
                return new SyncTarget.Connector() {
                    @Override
                    public SyncTarget connect(String taskId) {
                        connects.incrementAndGet();
                        return targets.get();
                    }

                    @Override
                    public void removeCheckpoint(String taskId) {
                        removedCheckpoints.add(taskId);
                    }
                };
            }
        };
        SyncSettings settings = SyncSettings.defaults().withSpoolDir(spool).withGiveUpAfter(Duration.ofSeconds(1))
                .withReportEvery(Duration.ofMillis(50));
        return new ReplicationSyncRunner(new LocalSecretResolver(), settings, fakes);
    }

    /** A 7.0 target that opens without a checkpoint; the session never gets as far as writing to it. */
    private static final class OpenedTarget implements SyncTarget {
        @Override
        public Found open() {
            return new Found(TargetFacts.of("7.0.15"), "run-1", Optional.empty());
        }

        @Override
        public EntryWriter writer(EntryQueue queue, SyncState state, String replId, EntryWriter.Listener listener) {
            throw new AssertionError("no writer without a source");
        }

        @Override
        public long restoreTtls(PushedExpiries pushed) {
            throw new AssertionError("no TTL repair without a source");
        }

        @Override
        public void close() {
        }
    }
}
