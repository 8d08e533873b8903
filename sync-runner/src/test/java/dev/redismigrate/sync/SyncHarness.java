package dev.redismigrate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.testkit.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/** Test-only: runs the engine in the background between two test servers, steered like a person would. */
final class SyncHarness implements AutoCloseable {
    final List<Progress> reports = new CopyOnWriteArrayList<>();
    /** Each shard's latest own report by shard id, from a run of several shards. */
    final Map<String, Progress> shardReports = new ConcurrentHashMap<>();
    final AtomicReference<DesiredState> desired = new AtomicReference<>(DesiredState.RUN);
    final AtomicInteger readyToStopCalls = new AtomicInteger();
    private final Future<SyncRunner.Result> result;
    private final java.util.concurrent.ExecutorService executor = Executors.newSingleThreadExecutor();

    SyncHarness(RedisServer source, RedisServer target, Path spool) {
        this(endpoint(source), endpoint(target), SyncSettings.defaults().withSpoolDir(spool), new LocalSecretResolver());
    }

    SyncHarness(RedisEndpoint source, RedisEndpoint target, SyncSettings settings, LocalSecretResolver secrets) {
        this(new ReplicationSyncRunner(secrets, settings), new SyncRunner.Request("task-1", source, target));
    }

    SyncHarness(SyncRunner runner, SyncRunner.Request request) {
        SyncRunner.Control control = new SyncRunner.Control() {
            @Override
            public DesiredState desired() {
                return desired.get();
            }

            @Override
            public boolean readyToStop(Progress drained) {
                readyToStopCalls.incrementAndGet();
                return true;
            }
        };
        result = executor.submit(() -> runner.run(request, control, reports::add,
                (shard, report) -> shardReports.put(shard.id(), report)));
    }

    static RedisEndpoint endpoint(RedisServer server) {
        return RedisEndpoint.of(server.host(), server.port());
    }

    /** The first report made after this call that meets the condition. */
    Progress awaitReport(Predicate<Progress> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = reports.size();
        while (System.nanoTime() < deadline) {
            if (result.isDone()) {
                result.get(); // surfaces the failure
                throw new AssertionError("sync stopped before the condition held");
            }
            for (; seen < reports.size(); seen++) {
                if (condition.test(reports.get(seen))) {
                    return reports.get(seen);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no report matched within " + timeout + "; last: " + last());
    }

    Progress awaitInSync(Duration timeout) throws Exception {
        return awaitReport(p -> p.phase() == SyncPhase.INCREMENTAL && p.lagBytes() == 0 && p.inSync(), timeout);
    }

    Progress last() {
        return reports.isEmpty() ? null : reports.get(reports.size() - 1);
    }

    SyncRunner.Result finish(Duration timeout) throws Exception {
        desired.set(DesiredState.FINISH);
        return await(timeout);
    }

    SyncRunner.Result cancel(Duration timeout) throws Exception {
        desired.set(DesiredState.CANCEL);
        return await(timeout);
    }

    SyncRunner.Result await(Duration timeout) throws Exception {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("sync did not stop within " + timeout + "; last report: " + last());
        }
    }

    /** Stops the runner's thread the way a killed process stops it (no FINISH, no CANCEL); returns how it ended. */
    Throwable interrupt(Duration timeout) throws Exception {
        executor.shutdownNow();
        try {
            result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("the sync returned instead of stopping");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    void assertStopped() {
        assertThat(result.isDone()).isTrue();
    }

    @Override
    public void close() {
        desired.set(DesiredState.CANCEL);
        try {
            result.get(20, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the test already failed or the sync already stopped
        }
        executor.shutdownNow();
    }
}
