package dev.redismigrate.core.elasticache;

import java.util.List;
import java.util.Optional;

/**
 * The ElastiCache API calls the product makes, in the service's own terms, one method per call (or per use of one).
 * The AWS adapter implements it with the SDK; testkit's emulator implements it over a real redis-server behind a
 * proxy. Every failure is an {@link ElastiCacheException} with its kind; a change returns once the service accepted
 * it, while the resource is still "modifying" (callers wait for the state they need).
 */
public interface ElastiCache {
    /**
     * DescribeReplicationGroups for one id, completed with DescribeCacheClusters of its primary (engine version,
     * security groups). Empty when there is no such group in this region.
     */
    Optional<ReplicationGroup> replicationGroup(String replicationGroupId);

    /** DescribeServerlessCaches for one name: true when a serverless cache of that name exists in this region. */
    boolean serverlessCacheExists(String name);

    /** DescribeUsers: every user of the account in this region (paginated by the adapter). */
    List<CacheUser> users();

    /** DescribeUserGroups for one id; empty when there is none. */
    Optional<UserGroup> userGroup(String userGroupId);

    /** CreateUser with one password (never logged) and an access string. */
    void createUser(String userId, String userName, String engine, String password, String accessString);

    /** ModifyUser: replaces the access string. */
    void modifyUserAccessString(String userId, String accessString);

    /** ModifyUser: replaces the passwords with this one. */
    void modifyUserPassword(String userId, String password);

    /** ModifyUserGroup: UserIdsToAdd / UserIdsToRemove (either list may be empty). */
    void modifyUserGroup(String userGroupId, List<String> userIdsToAdd, List<String> userIdsToRemove);

    /** DeleteUser. */
    void deleteUser(String userId);

    /** ModifyReplicationGroup with SecurityGroupIds and ApplyImmediately. */
    void modifySecurityGroups(String replicationGroupId, List<String> securityGroupIds);
}
