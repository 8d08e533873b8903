package dev.redismigrate.functions.workflow;

import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.store.TaskJson;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * How the sync container answers the state machine's RunSync state ({@code ecs:runTask.waitForTaskToken}): a
 * heartbeat well within {@code HeartbeatSeconds} while it runs, then exactly one success (finished) or failure
 * (cancelled, or the sync gave up). If heartbeats stop (the container died), the state times out and is retried
 * once with a new container that resumes the same task from its checkpoint.
 */
public final class TaskTokenCallback {
    /** A person cancelled: the cleanup chain runs and the task ends CANCELLED. */
    public static final String CANCELLED = "Migration.Cancelled";
    /** The sync gave up (the cause says why): the cleanup chain runs and the task ends FAILED. */
    public static final String SYNC_FAILED = "Migration.SyncFailed";

    private final SfnClient sfn;
    private final String token;

    public TaskTokenCallback(SfnClient sfn, String token) {
        this.sfn = sfn;
        this.token = token;
    }

    public void heartbeat() {
        sfn.sendTaskHeartbeat(r -> r.taskToken(token));
    }

    /** The sync stopped on FINISH; the result becomes {@code $.run.sync}. A cancel is a {@link #fail} with {@link #CANCELLED}. */
    public void succeed(SyncRunner.Result result) {
        sfn.sendTaskSuccess(r -> r.taskToken(token).output(TaskJson.write(result)));
    }

    /** @param cause one line for the user, without secrets (Step Functions keeps it in the execution history) */
    public void fail(String error, String cause) {
        sfn.sendTaskFailure(r -> r.taskToken(token).error(error).cause(cause));
    }
}
