package dev.redismigrate.functions;

import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.core.usecase.cloud.CleanUpEndedExecution;
import dev.redismigrate.core.usecase.cloud.CleanupReport;
import dev.redismigrate.functions.workflow.ExecutionEnded;
import dev.redismigrate.functions.workflow.StepHandler;
import java.util.List;
import java.util.Set;

/**
 * Called by EventBridge for every execution of the migration state machine that ends ABORTED, TIMED_OUT or FAILED
 * ({@link CleanUpEndedExecution}): stops its sync containers, restores what the task still has applied, unlocks, and
 * records the task. Throwing (something is left to undo) makes EventBridge deliver the event again.
 */
public final class JanitorHandler extends StepHandler<ExecutionEnded, CleanupReport> {
    private static final Set<String> ENDED_OUTSIDE_SUCCESS = Set.of("ABORTED", "TIMED_OUT", "FAILED");

    private final CleanUpEndedExecution cleanUp;

    public JanitorHandler() {
        this(CloudServices.instance());
    }

    public JanitorHandler(CloudServices services) {
        super(ExecutionEnded.class);
        this.cleanUp = new CleanUpEndedExecution(services.store(), services.syncTasks(), services.restoreParameters(),
                services.unlockTarget(), services.recordOutcome(), services.requestStop());
    }

    @Override
    protected CleanupReport handle(ExecutionEnded event) {
        if (event.detail() == null || !ENDED_OUTSIDE_SUCCESS.contains(event.detail().status())) {
            return new CleanupReport(null, null, List.of("not an execution that ended ABORTED, TIMED_OUT or FAILED"));
        }
        return event.taskId()
                .map(taskId -> cleanUp.cleanUp(taskId, event.detail().name(), event.describe()))
                .orElseGet(() -> new CleanupReport(null, null, List.of("the execution names no task: " + event.detail().name())));
    }
}
