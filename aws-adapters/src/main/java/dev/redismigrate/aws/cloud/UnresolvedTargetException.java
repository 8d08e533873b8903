package dev.redismigrate.aws.cloud;

/** A target named by instance id whose endpoint could not be read from the cloud; the message is one line for the user. */
public final class UnresolvedTargetException extends RuntimeException {
    public UnresolvedTargetException(String message, Throwable cause) {
        super(message, cause);
    }
}
