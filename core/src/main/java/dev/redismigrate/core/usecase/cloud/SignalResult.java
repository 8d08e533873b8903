package dev.redismigrate.core.usecase.cloud;

import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.TaskStatus;

/** The task after a signal: CANCELLED at once when nothing was running, otherwise its desired state says what comes. */
public record SignalResult(String taskId, String name, TaskStatus status, DesiredState desired) {
}
