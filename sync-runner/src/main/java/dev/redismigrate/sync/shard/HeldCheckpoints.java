package dev.redismigrate.sync.shard;

import dev.redismigrate.sync.writer.SyncTarget;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The checkpoints of a run's shards, removed once every shard has stopped rather than as each stops. A shard that
 * stopped on FINISH while a sibling then fails must keep its checkpoint: the failed run is resumed, every shard with it,
 * and a shard without its checkpoint in a resumed task has lost it (as far as its sync can tell), so it would be copied
 * again (its slots erased and loaded anew), and into a Redis Cluster target could not be at all ({@link FirstCopyOnly}):
 * the task could only be cancelled. Kept, the finished shard simply continues from where it stopped.
 */
final class HeldCheckpoints {
    /** The checkpoints a shard's sync asked to remove, with the connector that removes each. */
    private final Map<String, SyncTarget.Connector> held = new ConcurrentHashMap<>();

    /** {@code targets}, whose checkpoint removal waits for {@link #removeAll()}. */
    SyncTarget.Connector holding(SyncTarget.Connector targets) {
        return new SyncTarget.Connector() {
            @Override
            public SyncTarget connect(String checkpointName) {
                return targets.connect(checkpointName);
            }

            @Override
            public void removeCheckpoint(String checkpointName) {
                held.put(checkpointName, targets);
            }
        };
    }

    /** Every shard has stopped by FINISH or CANCEL: their checkpoints go. */
    void removeAll() {
        held.forEach((checkpointName, targets) -> targets.removeCheckpoint(checkpointName));
        held.clear();
    }
}
