package dev.redismigrate.core.task;

/** Another writer changed the task first (the version did not match), or the id is taken. */
public class TaskConflictException extends RuntimeException {
    public TaskConflictException(String message) {
        super(message);
    }
}
