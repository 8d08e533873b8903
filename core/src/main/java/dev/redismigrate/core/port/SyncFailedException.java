package dev.redismigrate.core.port;

/** The sync gave up; the message is one line for the user (no secrets). */
public class SyncFailedException extends RuntimeException {
    public SyncFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
