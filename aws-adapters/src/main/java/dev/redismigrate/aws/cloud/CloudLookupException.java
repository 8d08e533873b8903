package dev.redismigrate.aws.cloud;

/** An AWS API could not answer (permissions, throttling, network); the message names the call and the error code. */
public class CloudLookupException extends RuntimeException {
    public CloudLookupException(String message, Throwable cause) {
        super(message, cause);
    }
}
