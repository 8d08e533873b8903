package dev.redismigrate.sync;

/** A failure reconnecting cannot cure (wrong password, a target too old, data the target rejects). */
final class FatalSyncException extends RuntimeException {
    FatalSyncException(String message) {
        super(message);
    }

    FatalSyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
