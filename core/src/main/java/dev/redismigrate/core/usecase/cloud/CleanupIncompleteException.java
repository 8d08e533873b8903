package dev.redismigrate.core.usecase.cloud;

/** The janitor could not undo everything; the message says what is left. Thrown so that the event is delivered again. */
public class CleanupIncompleteException extends RuntimeException {
    public CleanupIncompleteException(String message) {
        super(message);
    }
}
