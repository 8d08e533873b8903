package dev.redismigrate.cli;

import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SyncShard;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The lines under a task's total progress, one per shard, when the task has several syncs (a Redis Cluster source):
 * the shard, its primary, phase, offsets, lag and the source's keys. The target's keys are left out: every shard
 * counts the whole target, so only the total's count means something.
 */
final class ShardLines {
    private ShardLines() {
    }

    /** One line per sync in the order validation listed them; none for a task of one sync. */
    static List<String> of(MigrationTask task) {
        List<SyncShard> syncs = task.syncs();
        if (syncs.size() <= 1) {
            return List.of();
        }
        return syncs.stream().map(sync -> line(sync, task.progressOf(sync))).toList();
    }

    /** "shard 0-5460 (127.0.0.1:7000) incremental | offset 1,200 applied of 1,250 | lag 50 B / 0.2s | keys db0 1,000". */
    static String line(SyncShard shard, Progress p) {
        String name = "shard " + shard.id() + " (" + shard.node() + ")";
        if (p == null) {
            return name + " no report yet";
        }
        StringBuilder s = new StringBuilder(name).append(' ')
                .append(p.phase().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        if (p.phase() == SyncPhase.FULL_SYNC) {
            s.append(" | snapshot ").append(Units.bytes(p.snapshotBytesApplied())).append(" applied");
        } else if (p.phase() != SyncPhase.CONNECTING) {
            s.append(" | offset ").append(Units.count(p.appliedOffset())).append(" applied of ")
                    .append(Units.count(p.sourceOffset())).append(" | lag ").append(Units.bytes(p.lagBytes()))
                    .append(" / ").append(p.lagMillis() < 0 ? "?" : ProgressView.seconds(p.lagMillis()));
        }
        return s.append(" | keys ").append(sourceKeys(p.sourceKeys())).toString();
    }

    private static String sourceKeys(Map<Integer, DbKeyCount> keys) {
        return keys.isEmpty() ? "0" : keys.entrySet().stream()
                .map(db -> "db" + db.getKey() + " " + Units.count(db.getValue().keys()))
                .collect(Collectors.joining(", "));
    }
}
