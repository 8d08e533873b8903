package dev.redismigrate.functions.workflow;

import dev.redismigrate.aws.execution.TaskTokenCallback;
import dev.redismigrate.core.port.SyncRunner;

/**
 * What happened on the way, kept by the state machine at {@code $.run} and handed to RecordOutcome. Every field is
 * null until set: {@code error} by the Catch of any step before cleanup, {@code sync} by the sync container's
 * SendTaskSuccess, {@code restoreError} and {@code unlockError} by the Catches of the cleanup steps.
 */
public record RunRecord(StepError error, SyncRunner.Result sync, StepError restoreError, StepError unlockError) {
    /** The sync container stopped because a person cancelled ({@link TaskTokenCallback#CANCELLED}). */
    public boolean cancelled() {
        return error != null && TaskTokenCallback.CANCELLED.equals(error.error());
    }
}
