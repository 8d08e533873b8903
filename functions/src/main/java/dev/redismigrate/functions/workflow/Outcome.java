package dev.redismigrate.functions.workflow;

import dev.redismigrate.core.task.TaskStatus;

/**
 * What RecordOutcome returns, at {@code $.outcome}: the task's final status picks the end state (FINISHED ends in
 * Succeed, CANCELLED and FAILED in Fail); {@code message} is one line for the execution's output, without secrets.
 */
public record Outcome(TaskStatus status, String message) {
}
