package dev.redismigrate.functions;

import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.core.port.TargetLock;
import dev.redismigrate.core.usecase.LockTarget;
import dev.redismigrate.core.usecase.cloud.TaskRef;
import dev.redismigrate.functions.workflow.LockOutcome;
import dev.redismigrate.functions.workflow.StepHandler;

/**
 * The Lock step: claims the target for the task (one task per target) and locks it with the strategy validation chose
 * (ACL, ElastiCache RBAC users or the network fence), the undo record stored in the task first ({@link LockTarget}).
 * The migration user's credential is not kept: the sync container regrants its own.
 */
public final class LockTargetHandler extends StepHandler<TaskRef, LockOutcome> {
    private final LockTarget lockTarget;

    public LockTargetHandler() {
        this(CloudServices.instance());
    }

    public LockTargetHandler(CloudServices services) {
        super(TaskRef.class);
        this.lockTarget = services.lockTarget();
    }

    @Override
    protected LockOutcome handle(TaskRef input) {
        TargetLock.Grant grant = lockTarget.lock(input.taskId());
        return grant.record() == null ? new LockOutcome(false, null) : new LockOutcome(true, grant.record().migrationUser());
    }
}
