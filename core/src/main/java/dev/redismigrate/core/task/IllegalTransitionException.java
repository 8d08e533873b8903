package dev.redismigrate.core.task;

/** A status change that {@link TaskStatus} does not allow, e.g. finishing a task that never started. */
public class IllegalTransitionException extends TaskStateException {
    public IllegalTransitionException(String taskId, TaskStatus from, TaskStatus to) {
        super("task " + taskId + " is " + from + " and cannot become " + to + " (allowed: " + from.next() + ")");
    }
}
