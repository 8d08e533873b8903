package dev.redismigrate.aws.execution;

import dev.redismigrate.core.port.SyncRunner;

/**
 * How the sync container answers the state machine's RunSync state: heartbeats while it runs, then exactly one success
 * or failure. Every call throws {@link TaskTokenExpiredException} when the state no longer waits for this container.
 */
public interface TaskCallback {
    void heartbeat();

    /** The sync stopped on FINISH; the result becomes {@code $.run.sync}. A cancel is a {@link #fail} with {@link TaskTokenCallback#CANCELLED}. */
    void succeed(SyncRunner.Result result);

    /** @param cause one line for the user, without secrets (Step Functions keeps it in the execution history) */
    void fail(String error, String cause);
}
