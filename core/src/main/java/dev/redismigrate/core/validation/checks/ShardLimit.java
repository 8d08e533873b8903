package dev.redismigrate.core.validation.checks;

import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.validation.Check;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.InstanceFacts;
import dev.redismigrate.core.validation.Side;
import dev.redismigrate.core.validation.SourceSyncs;
import java.util.List;

/**
 * Whether the cloud can run the source's syncs ({@link Check#CLOUD_SOURCE_SHARDS}): one sync container per primary of
 * a Redis Cluster source, each an iteration of the state machine's RunSync Map, which runs only so many at once. The
 * shards finish together (each keeps syncing until every one has drained), so a shard left waiting for a free
 * iteration would hold the running ones forever: such a source is refused before anything is changed.
 */
public final class ShardLimit {
    private ShardLimit() {
    }

    /** @param concurrentSyncs how many sync containers the cloud runs at once */
    public static CheckResult sourceShards(InstanceFacts source, int concurrentSyncs) {
        Check check = Check.CLOUD_SOURCE_SHARDS;
        var skipped = Prerequisite.unusable(check, Side.SOURCE, source);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        List<SyncShard> syncs = SourceSyncs.of(source);
        if (syncs.size() == 1) {
            return check.pass("The source is synced by one sync container.");
        }
        if (syncs.size() <= concurrentSyncs) {
            return check.pass("The source's " + syncs.size() + " primaries are synced side by side, one sync container"
                    + " each (at most " + concurrentSyncs + " run at once).");
        }
        return check.error("The source is a Redis Cluster with " + syncs.size() + " primaries, but the cloud runs at"
                + " most " + concurrentSyncs + " sync containers at once (one per primary), and the shards can only"
                + " finish together, all running. Reshard the source onto at most " + concurrentSyncs + " primaries, or"
                + " migrate it with the local redis-migrate migrate, which syncs every shard in one process.");
    }
}
