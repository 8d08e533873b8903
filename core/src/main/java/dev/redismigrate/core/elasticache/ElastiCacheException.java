package dev.redismigrate.core.elasticache;

/**
 * A refused or failed ElastiCache call, with the service's error code and a kind callers decide on (retry, wait,
 * give up) without reading the message.
 */
public final class ElastiCacheException extends RuntimeException {
    /** What kind of failure, for the caller's decision. */
    public enum Kind {
        /** The resource does not exist (UserNotFound, UserGroupNotFound, ReplicationGroupNotFoundFault). */
        NOT_FOUND,
        /** The resource exists but is not in a state that allows the call (InvalidUserState, ...): wait, retry. */
        INVALID_STATE,
        /** The resource exists already (UserAlreadyExists, DuplicateUserName). */
        ALREADY_EXISTS,
        /** The request itself is wrong (InvalidParameterValue, InvalidParameterCombination). */
        INVALID_PARAMETER,
        /** The caller may not make this call (AccessDenied). */
        ACCESS_DENIED,
        /** Throttling, 5xx, a network failure: retry with backoff. */
        TRANSIENT,
        /** Anything else. */
        OTHER;

        public boolean retryable() {
            return this == TRANSIENT || this == INVALID_STATE;
        }
    }

    private final Kind kind;
    private final String errorCode;

    public ElastiCacheException(Kind kind, String errorCode, String message) {
        super(message);
        this.kind = kind;
        this.errorCode = errorCode;
    }

    public ElastiCacheException(Kind kind, String errorCode, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.errorCode = errorCode;
    }

    public Kind kind() {
        return kind;
    }

    /** The service's error code, e.g. {@code InvalidUserState} (as the service sends it; decide on {@link #kind()}, not on the code). */
    public String errorCode() {
        return errorCode;
    }
}
