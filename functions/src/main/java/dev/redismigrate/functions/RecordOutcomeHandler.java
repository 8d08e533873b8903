package dev.redismigrate.functions;

import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.usecase.RecordOutcome;
import dev.redismigrate.functions.workflow.Outcome;
import dev.redismigrate.functions.workflow.OutcomeRequest;
import dev.redismigrate.functions.workflow.RunRecord;
import dev.redismigrate.functions.workflow.StepHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The last step: the task's final status from what happened on the way ({@code $.run}), decided as the local runner
 * decides it. A failed step, or a cleanup step that failed, ends FAILED with one line saying what stopped the run and
 * what is left to undo; otherwise a person's cancel ends CANCELLED, and syncs that stopped on FINISH end FINISHED with
 * their summaries combined (one per shard of a cluster source). A task already in a final status keeps it (a retried
 * step, or a task cancelled before its execution started).
 */
public final class RecordOutcomeHandler extends StepHandler<OutcomeRequest, Outcome> {
    private final TaskStore store;
    private final RecordOutcome outcome;

    public RecordOutcomeHandler() {
        this(CloudServices.instance());
    }

    public RecordOutcomeHandler(CloudServices services) {
        super(OutcomeRequest.class);
        this.store = services.store();
        this.outcome = services.recordOutcome();
    }

    @Override
    protected Outcome handle(OutcomeRequest input) {
        MigrationTask task = store.resolve(input.taskId());
        RunRecord run = input.run() == null ? new RunRecord(null, null, null, null) : input.run();
        MigrationTask done = task.status().isFinal() ? task : record(task, run);
        return new Outcome(done.status(), done.failure());
    }

    private MigrationTask record(MigrationTask task, RunRecord run) {
        String failure = run.error() != null && !run.cancelled() ? run.error().userMessage() : null;
        List<String> cleanupProblems = new ArrayList<>();
        if (run.restoreError() != null) {
            cleanupProblems.add("restoring source parameters: " + run.restoreError().userMessage());
        }
        if (run.unlockError() != null) {
            cleanupProblems.add("unlocking the target: " + run.unlockError().userMessage());
        }
        if (failure != null || !cleanupProblems.isEmpty()) {
            return outcome.failed(task.id(), failure, cleanupProblems);
        }
        Optional<SyncRunner.Result> sync = run.syncResult();
        if (run.cancelled() || task.desired() == DesiredState.CANCEL
                || sync.filter(result -> result.stoppedBy() == DesiredState.CANCEL).isPresent()) {
            return outcome.cancelled(task.id(), sync.map(SyncRunner.Result::summary).orElse(null));
        }
        if (sync.isEmpty()) {
            return outcome.failed(task.id(), "the sync ended without a result");
        }
        outcome.finishing(task.id());
        return outcome.finished(task.id(), sync.get().summary());
    }
}
