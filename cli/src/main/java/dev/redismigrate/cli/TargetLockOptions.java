package dev.redismigrate.cli;

import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.usecase.cloud.TargetRequest;
import picocli.CommandLine.Option;

/**
 * What the user accepts about locking the target ({@code validate}, {@code migrate}, {@code task create}): validation
 * refuses a target that cannot be locked, or an ElastiCache user group whose users are shared, unless accepted here.
 * Both end up in the task's {@link TargetSpec}, so the acceptance is recorded with it.
 */
final class TargetLockOptions {
    @Option(names = "--allow-unlocked-target",
            description = "Migrate even when the target cannot be locked (lock strategy none: other clients can still"
                    + " write into it). Turns that validation ERROR into a WARNING recorded in the task.")
    private boolean allowUnlocked;

    @Option(names = "--allow-shared-user-lock",
            description = "Accept that locking an ElastiCache user group makes its users read-only in the other user"
                    + " groups they belong to as well (strategy elasticache-rbac).")
    private boolean allowSharedUserLock;

    /** The target with the user's acceptances. */
    TargetSpec applyTo(TargetSpec target) {
        return new TargetSpec(target.endpoint(), target.instanceId(), allowUnlocked, allowSharedUserLock);
    }

    /** A create-task request's target with the user's acceptances. */
    TargetRequest applyTo(TargetRequest target) {
        return new TargetRequest(target.endpoint(), target.instanceId(), allowUnlocked, allowSharedUserLock,
                target.username(), target.password());
    }
}
