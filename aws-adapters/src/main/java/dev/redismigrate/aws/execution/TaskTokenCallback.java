package dev.redismigrate.aws.execution;

import dev.redismigrate.aws.store.SyncTokens;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.store.TaskJson;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * {@link TaskCallback} with the task token of the state machine's RunSync state ({@code lambda:invoke.waitForTaskToken};
 * the container fetches it from {@link SyncTokens}): {@code SendTaskHeartbeat} well within {@code HeartbeatSeconds} while the sync runs, then exactly one
 * {@code SendTaskSuccess} (finished) or {@code SendTaskFailure} (cancelled, or the sync gave up). If heartbeats stop
 * (the container died), the state times out and is retried once with a new container that resumes the same task from
 * its checkpoint; the old token is refused from then on ({@link TaskTokenExpiredException}).
 */
public final class TaskTokenCallback implements TaskCallback {
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

    @Override
    public void heartbeat() {
        answer(() -> sfn.sendTaskHeartbeat(r -> r.taskToken(token)));
    }

    @Override
    public void succeed(SyncRunner.Result result) {
        answer(() -> sfn.sendTaskSuccess(r -> r.taskToken(token).output(TaskJson.write(result))));
    }

    @Override
    public void fail(String error, String cause) {
        answer(() -> sfn.sendTaskFailure(r -> r.taskToken(token).error(error).cause(cause)));
    }

    private static void answer(Runnable call) {
        try {
            call.run();
        } catch (TaskTimedOutException | TaskDoesNotExistException | InvalidTokenException e) {
            throw new TaskTokenExpiredException(e.awsErrorDetails() == null ? e.getClass().getSimpleName()
                    : e.awsErrorDetails().errorCode(), e);
        }
    }
}
