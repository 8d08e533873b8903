package dev.redismigrate.functions;

import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.core.usecase.UnlockTarget;
import dev.redismigrate.core.usecase.cloud.TaskRef;
import dev.redismigrate.functions.workflow.StepHandler;

/**
 * The Unlock step of the cleanup chain: the lock the task's record describes undone by the adapter that made it (users'
 * rules or security groups back, the migration user gone), then the target claim released (idempotent).
 */
public final class UnlockTargetHandler extends StepHandler<TaskRef, TaskRef> {
    private final UnlockTarget unlockTarget;

    public UnlockTargetHandler() {
        this(CloudServices.instance());
    }

    public UnlockTargetHandler(CloudServices services) {
        super(TaskRef.class);
        this.unlockTarget = services.unlockTarget();
    }

    @Override
    protected TaskRef handle(TaskRef input) {
        unlockTarget.unlock(input.taskId());
        return input;
    }
}
