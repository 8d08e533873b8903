package dev.redismigrate.aws.cloud;

import dev.redismigrate.core.elasticache.ElastiCacheException.Kind;
import dev.redismigrate.core.elasticache.ElastiCacheException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns an SDK failure of an ElastiCache call into the port's {@link ElastiCacheException}, its kind decided by the
 * service's error code (the codes of the ElastiCache API reference), never by message text.
 */
final class ElastiCacheErrors {
    private static final Set<String> NOT_FOUND = Set.of("ReplicationGroupNotFoundFault", "CacheClusterNotFound",
            "ServerlessCacheNotFoundFault", "UserNotFound", "UserGroupNotFound");
    private static final Set<String> ALREADY_EXISTS = Set.of("UserAlreadyExists", "DuplicateUserName");
    private static final Set<String> INVALID_PARAMETER = Set.of("InvalidParameterValue", "InvalidParameterCombination");
    private static final Set<String> ACCESS_DENIED = Set.of("AccessDenied", "AccessDeniedException");
    private static final Set<String> THROTTLED = Set.of("Throttling", "ThrottlingException", "RequestLimitExceeded",
            "APICallRateForCustomerExceeded");

    private ElastiCacheErrors() {
    }

    /** @param call the API call, e.g. {@code ModifyUser} */
    static ElastiCacheException translate(String call, SdkException failure) {
        if (failure instanceof AwsServiceException refused && refused.awsErrorDetails() != null) {
            AwsErrorDetails details = refused.awsErrorDetails();
            String code = details.errorCode();
            String detail = details.errorMessage() == null ? "" : ": " + details.errorMessage();
            return new ElastiCacheException(kindOf(code, refused.statusCode()), code,
                    "ElastiCache " + call + " failed (" + code + ")" + detail, failure);
        }
        // No answer from the service (connection, timeout): the SDK's client-side failures.
        String name = failure.getClass().getSimpleName();
        return new ElastiCacheException(Kind.TRANSIENT, name, "ElastiCache " + call + " could not be called (" + name + ")",
                failure);
    }

    static Kind kindOf(String code, int httpStatus) {
        if (code != null) {
            if (NOT_FOUND.contains(code)) {
                return Kind.NOT_FOUND;
            }
            if (ALREADY_EXISTS.contains(code)) {
                return Kind.ALREADY_EXISTS;
            }
            if (INVALID_PARAMETER.contains(code)) {
                return Kind.INVALID_PARAMETER;
            }
            if (ACCESS_DENIED.contains(code)) {
                return Kind.ACCESS_DENIED;
            }
            // InvalidUserState, InvalidUserGroupState, InvalidReplicationGroupState, InvalidCacheClusterState, ...
            if (code.startsWith("Invalid") && code.contains("State")) {
                return Kind.INVALID_STATE;
            }
            if (THROTTLED.contains(code)) {
                return Kind.TRANSIENT;
            }
        }
        return httpStatus == 429 || httpStatus >= 500 ? Kind.TRANSIENT : Kind.OTHER;
    }
}
