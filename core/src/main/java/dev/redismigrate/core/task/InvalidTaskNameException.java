package dev.redismigrate.core.task;

/** A task name that breaks {@link TaskName}'s rule; the message says which part and what to do. */
public class InvalidTaskNameException extends IllegalArgumentException {
    public InvalidTaskNameException(String message) {
        super(message);
    }
}
