package dev.redismigrate.core.port;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.validation.InstanceFacts;
import dev.redismigrate.core.validation.ServerVersion;
import dev.redismigrate.core.validation.Side;

/**
 * Gathers facts about one Redis for the validation catalogue. Every network step is bounded by a timeout; a failure
 * is a fact ({@link InstanceFacts#reachability()}), never an exception. Implemented with Jedis in {@code redis-io}.
 */
public interface InstanceProbe {
    /**
     * @param password the resolved password, or null for none
     * @param side {@link Side#SOURCE} also gathers replication permissions and data types in use; a
     *             {@link Side#TARGET} that is a Redis Cluster node is followed to every primary, each probed with the
     *             same credentials ({@link InstanceFacts.ClusterMode#nodes()})
     */
    InstanceFacts probe(RedisEndpoint endpoint, String password, Side side);

    /**
     * The source's facts for a target of {@code targetVersion} (null: unknown): the search for data types an older
     * target lacks, a scan of the whole keyspace on a large source, skips the types that target can hold.
     */
    default InstanceFacts probeSource(RedisEndpoint endpoint, String password, ServerVersion targetVersion) {
        return probe(endpoint, password, Side.SOURCE);
    }

    /**
     * The target's facts when it is a managed service found through its cloud API (an ElastiCache replication group),
     * with only the commands such a service lets every client send: no CONFIG (it is one of ElastiCache's restricted
     * commands) and no throwaway ACL user (ACL SETUSER is refused there, and the cloud API decides the lock), so the
     * ACL fact stays unknown. A probe that never sends administrative commands needs no other implementation.
     */
    default InstanceFacts probeManagedTarget(RedisEndpoint endpoint, String password) {
        return probe(endpoint, password, Side.TARGET);
    }
}
