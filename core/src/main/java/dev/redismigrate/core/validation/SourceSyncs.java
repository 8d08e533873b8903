package dev.redismigrate.core.validation;

import dev.redismigrate.core.task.SyncShard;
import java.util.List;
import java.util.Map;

/**
 * The task's syncs as the source's layout decides them ({@link ValidationReport#syncs}): one per primary of a Redis
 * Cluster source, in slot order, named by its first slot range (the name the engine gives the shard's checkpoint,
 * {@code <task>/<id>}, so a shard's container and a local run of every shard use the same one), with the primary and
 * every range it serves; the whole source ({@link SyncShard#WHOLE}) for one server, and for a cluster whose primaries
 * were not followed (not every slot served: {@code source.topology} refuses it).
 */
public final class SourceSyncs {
    private SourceSyncs() {
    }

    public static List<SyncShard> of(InstanceFacts source) {
        Map<String, String> slots = source.usable() && source.cluster() != null ? source.cluster().slots() : Map.of();
        if (slots.isEmpty()) {
            return List.of(SyncShard.WHOLE);
        }
        return slots.entrySet().stream()
                .map(primary -> new SyncShard(primary.getValue().split(",", 2)[0], primary.getKey(), primary.getValue()))
                .toList();
    }
}
