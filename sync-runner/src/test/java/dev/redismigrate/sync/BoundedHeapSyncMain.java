package dev.redismigrate.sync;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.sync.shard.ShardedSyncRunner;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Test-only entry point run in a child JVM with a small fixed heap: syncs source (a standalone server, or a node of a
 * cluster) to target, finishes as soon as the stream is reached, prints the result. Arguments: source port, target
 * port, spool dir, and optionally a task id, {@code forever} (never finish: a test kills the process) and
 * {@code resumed} (an earlier run of the task synced into the target). Exit 0 on success.
 */
public final class BoundedHeapSyncMain {
    private BoundedHeapSyncMain() {
    }

    public static void main(String[] args) {
        RedisEndpoint source = RedisEndpoint.of("127.0.0.1", Integer.parseInt(args[0]));
        RedisEndpoint target = RedisEndpoint.of("127.0.0.1", Integer.parseInt(args[1]));
        AtomicBoolean streaming = new AtomicBoolean();
        String taskId = args.length > 3 ? args[3] : "bounded";
        boolean forever = args.length > 4 && args[4].equals("forever");
        boolean resumed = args.length > 5 && args[5].equals("resumed");
        SyncRunner runner = new ShardedSyncRunner(new LocalSecretResolver(),
                SyncSettings.defaults().withSpoolDir(Path.of(args[2])));
        SyncRunner.Result result = runner.run(new SyncRunner.Request(taskId, source, target, resumed),
                new SyncRunner.Control() {
                    @Override
                    public DesiredState desired() {
                        return streaming.get() && !forever ? DesiredState.FINISH : DesiredState.RUN;
                    }

                    @Override
                    public boolean readyToStop(Progress drained) {
                        return true;
                    }
                }, progress -> {
                    if (progress.phase() == SyncPhase.INCREMENTAL) {
                        streaming.set(true);
                    }
                    long usedMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
                    System.out.println(progress.phase() + " applied " + progress.snapshotBytesApplied() + "/"
                            + progress.snapshotBytesTotal() + " keys " + progress.keysApplied() + " offset "
                            + progress.appliedOffset() + " heap " + usedMb + " MB of "
                            + (Runtime.getRuntime().maxMemory() >> 20));
                });
        System.out.println("RESULT " + result.stoppedBy() + " keys " + result.summary().keysApplied());
        System.exit(result.stoppedBy() == DesiredState.FINISH ? 0 : 3);
    }
}
