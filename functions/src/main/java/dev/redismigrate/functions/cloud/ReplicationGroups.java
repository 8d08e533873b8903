package dev.redismigrate.functions.cloud;

import java.util.Optional;

/** The ElastiCache facts the target checks need, in the deployment's region. */
public interface ReplicationGroups {
    /** @param primaryHost null when the group has no single primary endpoint (cluster mode) */
    record Group(String id, String status, boolean clusterEnabled, String primaryHost, int primaryPort, boolean tls) {
    }

    /** Empty if no replication group has this id in the region; {@link CloudLookupException} if ElastiCache could not be asked. */
    Optional<Group> find(String replicationGroupId);
}
