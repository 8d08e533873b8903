package dev.redismigrate.testkit.elasticache;

import dev.redismigrate.core.elasticache.ElastiCacheException;
import dev.redismigrate.core.elasticache.ElastiCacheException.Kind;

/**
 * The faults the emulated API answers with, named as the AWS API reference and the SDKs name them (botocore's
 * exception names, e.g. {@code InvalidUserStateFault}), each with its kind. One line each, never a secret.
 */
final class ApiFaults {
    private ApiFaults() {
    }

    static ElastiCacheException userNotFound(String userId) {
        return new ElastiCacheException(Kind.NOT_FOUND, "UserNotFoundFault", "User " + userId + " not found.");
    }

    static ElastiCacheException userGroupNotFound(String userGroupId) {
        return new ElastiCacheException(Kind.NOT_FOUND, "UserGroupNotFoundFault",
                "User group " + userGroupId + " not found.");
    }

    static ElastiCacheException replicationGroupNotFound(String replicationGroupId) {
        return new ElastiCacheException(Kind.NOT_FOUND, "ReplicationGroupNotFoundFault",
                "Replication group " + replicationGroupId + " not found.");
    }

    static ElastiCacheException userNotActive(String userId, String status) {
        return new ElastiCacheException(Kind.INVALID_STATE, "InvalidUserStateFault",
                "User " + userId + " is " + status + ", not active.");
    }

    static ElastiCacheException userGroupNotActive(String userGroupId, String status) {
        return new ElastiCacheException(Kind.INVALID_STATE, "InvalidUserGroupStateFault",
                "User group " + userGroupId + " is " + status + ", not active.");
    }

    static ElastiCacheException replicationGroupNotAvailable(String replicationGroupId, String status) {
        return new ElastiCacheException(Kind.INVALID_STATE, "InvalidReplicationGroupStateFault",
                "Replication group " + replicationGroupId + " is " + status + ", not available.");
    }

    static ElastiCacheException userAlreadyExists(String userId) {
        return new ElastiCacheException(Kind.ALREADY_EXISTS, "UserAlreadyExistsFault",
                "User " + userId + " already exists.");
    }

    static ElastiCacheException duplicateUserName(String userName) {
        return new ElastiCacheException(Kind.ALREADY_EXISTS, "DuplicateUserNameFault",
                "A user with the user name " + userName + " already exists.");
    }

    static ElastiCacheException defaultUserRequired(String userGroupId) {
        return new ElastiCacheException(Kind.INVALID_PARAMETER, "DefaultUserRequired",
                "User group " + userGroupId + " must contain a user with the user name default.");
    }

    static ElastiCacheException invalidParameter(String message) {
        return new ElastiCacheException(Kind.INVALID_PARAMETER, "InvalidParameterValue", message);
    }
}
