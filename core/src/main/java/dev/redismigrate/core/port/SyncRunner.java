package dev.redismigrate.core.port;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TaskSummary;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The long-running part: a replica of the source applied onto the target until told to stop. Implemented by the
 * sync engine in {@code sync-runner}; called by the local runner and by the container.
 */
public interface SyncRunner {
    /**
     * @param taskId the task (names the checkpoint kept on the target, so a restarted runner resumes)
     * @param source where to replicate from
     * @param target what to write into (the migration user's credential while the target is locked)
     * @param resumed an earlier run of this task reported progress, so it may have written to the target: a target
     *                without the task's checkpoint has then lost it (restarted without persistence, or flushed) and
     *                is flushed before the snapshot is applied again
     * @param shard   the one shard of a Redis Cluster source this run syncs (the cloud runs a container per shard), or
     *                {@link SyncShard#WHOLE}: the whole source, every shard of a cluster source side by side
     */
    record Request(String taskId, RedisEndpoint source, RedisEndpoint target, boolean resumed, SyncShard shard) {
        public Request {
            shard = shard == null ? SyncShard.WHOLE : shard;
        }

        /** The sync of the whole source (every shard of a cluster source, in this process). */
        public Request(String taskId, RedisEndpoint source, RedisEndpoint target, boolean resumed) {
            this(taskId, source, target, resumed, SyncShard.WHOLE);
        }

        /** A first run: the target was validated empty. */
        public Request(String taskId, RedisEndpoint source, RedisEndpoint target) {
            this(taskId, source, target, false);
        }
    }

    /** What a person wants, asked about once a second, and the gate before stopping on FINISH. */
    interface Control {
        DesiredState desired();

        /**
         * Called once the sync has drained (lag 0) after a FINISH request. Return true to stop; false keeps syncing
         * (e.g. verification still finds differences) until {@link #desired()} asks again.
         */
        boolean readyToStop(Progress drained);
    }

    record Result(DesiredState stoppedBy, TaskSummary summary) {
    }

    /** Blocks until finished or cancelled; throws {@link SyncFailedException} with the cause when it gives up. */
    Result run(Request request, Control control, Consumer<Progress> progress);

    /**
     * As {@link #run(Request, Control, Consumer)}, and a run of several shards (every shard of a cluster source in this
     * process) also gives each shard's own report to {@code shards}, just before the total they make, as the run of that
     * one shard alone would report it. A run of one sync reports only its total.
     */
    default Result run(Request request, Control control, Consumer<Progress> progress,
                       BiConsumer<SyncShard, Progress> shards) {
        return run(request, control, progress);
    }
}
