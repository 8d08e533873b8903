package dev.redismigrate.core.task;

/** No task (or no unique task) answers to the given id or name. */
public class TaskNotFoundException extends RuntimeException {
    public TaskNotFoundException(String message) {
        super(message);
    }
}
