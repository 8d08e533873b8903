package dev.redismigrate.sync.status;

import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.sync.resp.Info;
import dev.redismigrate.sync.resp.RespConnection;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** One server's {@code INFO keyspace}, the run's checkpoint keys left out. */
public final class StandaloneKeyspace implements TargetKeyspace {
    private final Supplier<RespConnection> connector;
    private final String[] checkpointKeys;
    private RespConnection target;

    public StandaloneKeyspace(Supplier<RespConnection> connector, String checkpointName) {
        this(connector, List.of(checkpointName));
    }

    /** @param checkpointNames every checkpoint this run keeps on the target (one per shard of a cluster source) */
    public StandaloneKeyspace(Supplier<RespConnection> connector, List<String> checkpointNames) {
        this.connector = connector;
        this.checkpointKeys = checkpointNames.stream().map(CheckpointKey::forTask).toArray(String[]::new);
    }

    @Override
    public Map<Integer, DbKeyCount> sample() throws IOException {
        if (target == null) {
            target = connector.get();
            target.callOk("SELECT", Integer.toString(CheckpointKey.DB));
        }
        Map<Integer, DbKeyCount> counts = new TreeMap<>(Info.of(target, "keyspace").keyspace());
        long ours = (Long) target.callOk(exists());
        DbKeyCount db0 = counts.get(CheckpointKey.DB);
        if (ours > 0 && db0 != null) {
            // the checkpoint keys are ours, not the source's: they are left out of every count
            if (db0.keys() <= ours) {
                counts.remove(CheckpointKey.DB);
            } else {
                counts.put(CheckpointKey.DB, new DbKeyCount(db0.keys() - ours, db0.expires()));
            }
        }
        return counts;
    }

    /** {@code EXISTS <checkpoint keys>}: how many of them the target holds. */
    private String[] exists() {
        String[] command = new String[checkpointKeys.length + 1];
        command[0] = "EXISTS";
        System.arraycopy(checkpointKeys, 0, command, 1, checkpointKeys.length);
        return command;
    }

    @Override
    public void close() {
        if (target != null) {
            target.close();
            target = null;
        }
    }
}
