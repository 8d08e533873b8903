package dev.redismigrate.testkit.elasticache;

import dev.redismigrate.core.elasticache.ElastiCacheException;
import dev.redismigrate.core.elasticache.ElastiCacheException.Kind;

/**
 * The faults the emulated API answers with: the error codes the service sends (what the AWS SDK's
 * {@code awsErrorDetails().errorCode()} returns, e.g. {@code InvalidUserState}; read from the SDK 2.57.8 client's
 * exception table), each with its kind. One line each, never a secret.
 */
final class ApiFaults {
    private ApiFaults() {
    }

    static ElastiCacheException userNotFound(String userId) {
        return notFound("UserNotFound", "User " + userId);
    }

    static ElastiCacheException userGroupNotFound(String userGroupId) {
        return notFound("UserGroupNotFound", "User group " + userGroupId);
    }

    static ElastiCacheException replicationGroupNotFound(String replicationGroupId) {
        return notFound("ReplicationGroupNotFoundFault", "Replication group " + replicationGroupId);
    }

    static ElastiCacheException userNotActive(String userId, String status) {
        return notReady("InvalidUserState", "User " + userId, status, "active");
    }

    static ElastiCacheException userGroupNotActive(String userGroupId, String status) {
        return notReady("InvalidUserGroupState", "User group " + userGroupId, status, "active");
    }

    static ElastiCacheException replicationGroupNotAvailable(String replicationGroupId, String status) {
        return notReady("InvalidReplicationGroupState", "Replication group " + replicationGroupId, status,
                "available");
    }

    static ElastiCacheException userAlreadyExists(String userId) {
        return new ElastiCacheException(Kind.ALREADY_EXISTS, "UserAlreadyExists",
                "User " + userId + " already exists.");
    }

    static ElastiCacheException duplicateUserName(String userName) {
        return new ElastiCacheException(Kind.ALREADY_EXISTS, "DuplicateUserName",
                "A user with the user name " + userName + " already exists.");
    }

    static ElastiCacheException defaultUserRequired(String userGroupId) {
        return new ElastiCacheException(Kind.INVALID_PARAMETER, "DefaultUserRequired",
                "User group " + userGroupId + " must contain a user with the user name default.");
    }

    static ElastiCacheException defaultUserInGroup(String userId, String userGroupId) {
        return new ElastiCacheException(Kind.INVALID_PARAMETER, "DefaultUserAssociatedToUserGroup",
                "User " + userId + " is the default user of user group " + userGroupId + "; swap it out first.");
    }

    static ElastiCacheException invalidParameter(String message) {
        return new ElastiCacheException(Kind.INVALID_PARAMETER, "InvalidParameterValue", message);
    }

    private static ElastiCacheException notFound(String errorCode, String resource) {
        return new ElastiCacheException(Kind.NOT_FOUND, errorCode, resource + " not found.");
    }

    private static ElastiCacheException notReady(String errorCode, String resource, String status, String wanted) {
        return new ElastiCacheException(Kind.INVALID_STATE, errorCode,
                resource + " is " + status + ", not " + wanted + ": wait and retry.");
    }
}
