package dev.redismigrate.sync.status;

import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.sync.resp.Info;
import dev.redismigrate.sync.resp.RespConnection;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** One server's {@code INFO keyspace}, the task's checkpoint key left out. */
public final class StandaloneKeyspace implements TargetKeyspace {
    private final Supplier<RespConnection> connector;
    private final String checkpointKey;
    private RespConnection target;

    public StandaloneKeyspace(Supplier<RespConnection> connector, String checkpointName) {
        this.connector = connector;
        this.checkpointKey = CheckpointKey.forTask(checkpointName);
    }

    @Override
    public Map<Integer, DbKeyCount> sample() throws IOException {
        if (target == null) {
            target = connector.get();
            target.callOk("SELECT", Integer.toString(CheckpointKey.DB));
        }
        Map<Integer, DbKeyCount> counts = new TreeMap<>(Info.of(target, "keyspace").keyspace());
        Object exists = target.callOk("EXISTS", checkpointKey);
        DbKeyCount db0 = counts.get(CheckpointKey.DB);
        if (Long.valueOf(1).equals(exists) && db0 != null) {
            // the checkpoint key is ours, not the source's: it is left out of every count
            if (db0.keys() <= 1) {
                counts.remove(CheckpointKey.DB);
            } else {
                counts.put(CheckpointKey.DB, new DbKeyCount(db0.keys() - 1, db0.expires()));
            }
        }
        return counts;
    }

    @Override
    public void close() {
        if (target != null) {
            target.close();
            target = null;
        }
    }
}
