package dev.redismigrate.functions.workflow;

import dev.redismigrate.core.task.SyncShard;
import java.util.List;

/**
 * What the Validate step returns; the state machine ends as VALIDATION_FAILED when {@code passed} is false.
 *
 * @param shards the syncs RunSync runs side by side, one container each (its Map's items); empty when not passed
 */
public record ValidationOutcome(boolean passed, long errors, long warnings, List<SyncShard> shards) {
}
