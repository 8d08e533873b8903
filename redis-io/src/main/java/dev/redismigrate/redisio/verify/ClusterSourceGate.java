package dev.redismigrate.redisio.verify;

import dev.redismigrate.core.endpoint.SecretResolver;
import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.usecase.FinishGate;
import dev.redismigrate.redisio.RedisConnections;
import dev.redismigrate.redisio.RedisUnavailableException;
import dev.redismigrate.redisio.cluster.ClusterDetection;
import dev.redismigrate.redisio.cluster.ClusterTopology;
import java.util.Map;

/**
 * The finish gate over a Redis Cluster source. The verification ({@link JedisVerifier}) reads one server per side, so
 * it would compare one shard with the whole target; until it reads every primary, a cluster source's finish is decided
 * by the key counts the sync itself reports: the shards' keys without a TTL, summed, against the target's, per
 * database, with nothing left to apply. Any other source goes through the verification as before.
 */
public final class ClusterSourceGate implements FinishGate {
    private final FinishGate verification;
    private final ClusterDetection detection;

    private ClusterSourceGate(FinishGate verification, ClusterDetection detection) {
        this.verification = verification;
        this.detection = detection;
    }

    /** {@code verification} for a standalone source; the sync's own counts for a cluster source. */
    public static FinishGate around(FinishGate verification, SecretResolver secrets) {
        return new ClusterSourceGate(verification, new ClusterDetection(new RedisConnections(secrets)));
    }

    @Override
    public Verdict check(MigrationTask task, Progress drained) {
        ClusterTopology source;
        try {
            source = detection.detect("source", task.source().endpoint());
        } catch (RedisUnavailableException e) {
            return new Verdict(false, "verification could not run: " + e.getMessage());
        }
        if (!source.cluster()) {
            return verification.check(task, drained);
        }
        String counts = keys(drained.sourceKeys()) + " keys on the " + source.primaries().size() + " primaries of the"
                + " source cluster, " + keys(drained.targetKeys()) + " on the target";
        if (drained.inSync()) {
            return Verdict.passed("key counts agree: " + counts + " (a cluster source is not verified key by key yet)");
        }
        return new Verdict(false, "key counts differ: " + counts + " (keys without a TTL are compared per database)");
    }

    private static long keys(Map<Integer, DbKeyCount> counts) {
        return counts.values().stream().mapToLong(DbKeyCount::keys).sum();
    }
}
