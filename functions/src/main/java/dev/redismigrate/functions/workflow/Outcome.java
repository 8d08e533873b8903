package dev.redismigrate.functions.workflow;

import dev.redismigrate.core.task.TaskStatus;
import java.util.Objects;

/**
 * What RecordOutcome returns, at {@code $.outcome}: the task's final status picks the end state (FINISHED ends in
 * Succeed, CANCELLED and FAILED in Fail) and {@code message}, one line without secrets, becomes the Fail state's cause
 * (so it is never null: Step Functions needs a string there).
 */
public record Outcome(TaskStatus status, String message) {
    public Outcome {
        Objects.requireNonNull(status, "status");
        message = message == null || message.isBlank() ? "the task is " + status : message;
    }
}
