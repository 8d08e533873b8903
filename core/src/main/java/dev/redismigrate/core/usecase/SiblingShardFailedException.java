package dev.redismigrate.core.usecase;

import dev.redismigrate.core.task.ShardFailure;

/**
 * A shard's sync stopped because a sibling shard of its task failed ({@link ShardFailure}): it undid nothing and kept
 * its checkpoint on the target, as a superseded container does, so a resume continues every shard.
 */
public final class SiblingShardFailedException extends RuntimeException {
    public SiblingShardFailedException(ShardFailure failure) {
        super("shard " + failure.shard() + " failed, so this shard stopped too, its checkpoint kept;"
                + " resume the task once the cause is fixed");
    }
}
