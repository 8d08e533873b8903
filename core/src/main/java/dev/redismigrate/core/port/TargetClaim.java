package dev.redismigrate.core.port;

import java.util.Optional;

/**
 * "One task per target": a task claims its target's address before it locks it and releases the claim after it
 * unlocked it. Kept apart from {@link dev.redismigrate.core.task.TaskStore} because it is a rule across tasks, not a
 * change to one task: the DynamoDB store backs it with one conditional item per target, and a store that cannot
 * guarantee it atomically need not pretend to.
 */
public interface TargetClaim {
    /**
     * Claims {@code targetAddress} (host:port) for {@code taskId}. Claiming again for the same task is harmless (a
     * resumed step); throws {@link TargetClaimedException} naming the holder if another task has it.
     */
    void claim(String targetAddress, String taskId);

    /** Gives the claim up if {@code taskId} holds it; otherwise does nothing (idempotent, safe in every cleanup). */
    void release(String targetAddress, String taskId);

    /** The task holding the claim, if any. */
    Optional<String> holder(String targetAddress);
}
