package dev.redismigrate.sync;

import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.sync.cluster.ClusterKeyspace;
import dev.redismigrate.sync.cluster.ClusterTarget;
import dev.redismigrate.sync.resp.RespConnection;
import dev.redismigrate.sync.source.ReplicationLink;
import dev.redismigrate.sync.source.SyncSource;
import dev.redismigrate.sync.status.StandaloneKeyspace;
import dev.redismigrate.sync.status.SyncState;
import dev.redismigrate.sync.status.TargetKeyspace;
import dev.redismigrate.sync.writer.StandaloneTarget;
import dev.redismigrate.sync.writer.SyncTarget;
import dev.redismigrate.sync.writer.TargetConnections;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How a run reaches its two sides, from connections to the endpoints the task names: {@link #STANDALONE} is a replica
 * link to one source and one target server, {@link #CLUSTER_TARGET} the same source into a Redis Cluster, and
 * {@link #DETECTED} (the runner's default) picks one of the two by asking the target endpoint. Another kind of source
 * or target is composed here; the runner and the session do not change.
 */
public interface SyncSides {
    /** @param source authenticated connections to the source endpoint (a failure is a typed {@code SyncFailure}) */
    SyncSource.Connector sources(Supplier<RespConnection> source);

    SyncTarget.Connector targets(TargetConnections target);

    /** The target's key counts for progress reports ({@code target}'s connections wait briefly). */
    default TargetKeyspace targetKeyspace(TargetConnections target, String checkpointName, SyncState state) {
        return new StandaloneKeyspace(target.endpoint(), checkpointName);
    }

    SyncSides STANDALONE = new SyncSides() {
        @Override
        public SyncSource.Connector sources(Supplier<RespConnection> source) {
            return () -> new ReplicationLink(source.get());
        }

        @Override
        public SyncTarget.Connector targets(TargetConnections target) {
            return StandaloneTarget.connector(target.endpoint());
        }
    };

    SyncSides CLUSTER_TARGET = new SyncSides() {
        @Override
        public SyncSource.Connector sources(Supplier<RespConnection> source) {
            return STANDALONE.sources(source);
        }

        @Override
        public SyncTarget.Connector targets(TargetConnections target) {
            return ClusterTarget.connector(target);
        }

        @Override
        public TargetKeyspace targetKeyspace(TargetConnections target, String checkpointName, SyncState state) {
            return new ClusterKeyspace(target, checkpointName, state);
        }
    };

    /**
     * {@link #CLUSTER_TARGET} when the target endpoint is a cluster node ({@code cluster_enabled:1} in
     * {@code INFO cluster}; a 2.8 server has no such section), {@link #STANDALONE} otherwise. Asked when first needed,
     * inside the runner's reconnect loop (a target down at the start is waited for like a lost one), then kept.
     */
    SyncSides DETECTED = new SyncSides() {
        @Override
        public SyncSource.Connector sources(Supplier<RespConnection> source) {
            return STANDALONE.sources(source);
        }

        @Override
        public SyncTarget.Connector targets(TargetConnections target) {
            DetectedTarget<SyncTarget.Connector> chosen = new DetectedTarget<>(target, sides -> sides.targets(target));
            return new SyncTarget.Connector() {
                @Override
                public SyncTarget connect(String checkpointName) {
                    return chosen.get().connect(checkpointName);
                }

                @Override
                public void removeCheckpoint(String checkpointName) {
                    chosen.get().removeCheckpoint(checkpointName);
                }
            };
        }

        @Override
        public TargetKeyspace targetKeyspace(TargetConnections target, String checkpointName, SyncState state) {
            DetectedTarget<TargetKeyspace> chosen = new DetectedTarget<>(target,
                    sides -> sides.targetKeyspace(target, checkpointName, state));
            return new TargetKeyspace() {
                @Override
                public Map<Integer, DbKeyCount> sample() throws IOException {
                    return chosen.get().sample();
                }

                @Override
                public void close() {
                    chosen.ifKnown(TargetKeyspace::close);
                }
            };
        }
    };
}
