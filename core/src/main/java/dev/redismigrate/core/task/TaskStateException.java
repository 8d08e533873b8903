package dev.redismigrate.core.task;

/** The task is not in a state that allows what was asked (finish before start, edit while syncing, ...). */
public class TaskStateException extends IllegalStateException {
    public TaskStateException(String message) {
        super(message);
    }
}
