package dev.redismigrate.core.usecase.cloud;

import dev.redismigrate.core.task.TaskStatus;
import java.time.Instant;

/**
 * A cloud task whose run was started ({@code task start}) or resumed ({@code task resume}): its status, the execution
 * of the run, when that starts and whether an EventBridge schedule starts it.
 */
public record StartedRun(String taskId, String name, TaskStatus status, String executionName, Instant startsAt,
                         boolean scheduled) {
}
