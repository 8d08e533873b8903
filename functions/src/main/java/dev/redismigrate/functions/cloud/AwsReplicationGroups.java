package dev.redismigrate.functions.cloud;

import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.ElastiCacheException;
import software.amazon.awssdk.services.elasticache.model.Endpoint;
import software.amazon.awssdk.services.elasticache.model.NodeGroup;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroupNotFoundException;

/** {@link ReplicationGroups} through ElastiCache DescribeReplicationGroups. */
public final class AwsReplicationGroups implements ReplicationGroups {
    private final ElastiCacheClient elastiCache;

    public AwsReplicationGroups(ElastiCacheClient elastiCache) {
        this.elastiCache = elastiCache;
    }

    @Override
    public Optional<Group> find(String replicationGroupId) {
        try {
            return elastiCache.describeReplicationGroups(r -> r.replicationGroupId(replicationGroupId))
                    .replicationGroups().stream()
                    .filter(group -> group.replicationGroupId().equals(replicationGroupId))
                    .findFirst()
                    .map(AwsReplicationGroups::toGroup);
        } catch (ReplicationGroupNotFoundException e) {
            return Optional.empty();
        } catch (ElastiCacheException e) {
            throw new CloudLookupException("ElastiCache DescribeReplicationGroups failed: " + e.awsErrorDetails().errorCode(), e);
        } catch (SdkException e) {
            throw new CloudLookupException("ElastiCache DescribeReplicationGroups failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private static Group toGroup(ReplicationGroup group) {
        boolean clusterEnabled = Boolean.TRUE.equals(group.clusterEnabled());
        // Cluster mode disabled: one node group whose primary endpoint follows fail-overs.
        Endpoint primary = clusterEnabled ? null : group.nodeGroups().stream()
                .map(NodeGroup::primaryEndpoint).filter(e -> e != null && e.address() != null).findFirst().orElse(null);
        return new Group(group.replicationGroupId(), group.status(), clusterEnabled,
                primary == null ? null : primary.address(), primary == null ? 0 : primary.port(),
                Boolean.TRUE.equals(group.transitEncryptionEnabled()));
    }
}
