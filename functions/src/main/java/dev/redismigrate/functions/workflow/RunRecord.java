package dev.redismigrate.functions.workflow;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.redismigrate.aws.execution.TaskTokenCallback;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.TaskSummary;
import java.util.List;
import java.util.Optional;

/**
 * What happened on the way, kept by the state machine at {@code $.run} and handed to RecordOutcome. Every field is
 * null until set: {@code error} by the Catch of any step before cleanup, {@code sync} by the RunSync Map once every
 * iteration succeeded, {@code restoreError} and {@code unlockError} by the Catches of the cleanup steps.
 *
 * @param sync every sync's result, in the order of the task's syncs ({@code $.validation.shards}): what its container
 *             sent with SendTaskSuccess ({@code {stoppedBy, summary}}). An execution of the definition from before the
 *             Map kept one result, not a list: it is read as a list of one.
 */
public record RunRecord(StepError error,
                        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<SyncRunner.Result> sync,
                        StepError restoreError, StepError unlockError) {
    /** The sync container stopped because a person cancelled ({@link TaskTokenCallback#CANCELLED}). */
    public boolean cancelled() {
        return error != null && TaskTokenCallback.CANCELLED.equals(error.error());
    }

    /**
     * The task's result from its syncs' results: stopped by CANCEL if any sync was, else by FINISH; the summaries
     * combined ({@link TaskSummary#ofSyncs}). Empty when no sync answered (the Map did not succeed).
     */
    public Optional<SyncRunner.Result> syncResult() {
        if (sync == null || sync.isEmpty()) {
            return Optional.empty();
        }
        boolean cancelled = sync.stream().anyMatch(result -> result.stoppedBy() == DesiredState.CANCEL);
        return Optional.of(new SyncRunner.Result(cancelled ? DesiredState.CANCEL : DesiredState.FINISH,
                TaskSummary.ofSyncs(sync.stream().map(SyncRunner.Result::summary).toList())));
    }
}
