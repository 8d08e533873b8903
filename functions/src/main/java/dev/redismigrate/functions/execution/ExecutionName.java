package dev.redismigrate.functions.execution;

import java.util.Optional;

/**
 * A task's execution of the state machine is named after it, {@code mig-<taskId>}: Step Functions refuses a second
 * execution of the same name, so a start pressed twice (or a schedule that fires twice) cannot run the task twice.
 * The sync containers carry the same name as {@code startedBy}, and the task's one-time schedule too.
 */
public final class ExecutionName {
    private static final String PREFIX = "mig-";

    private ExecutionName() {
    }

    public static String forTask(String taskId) {
        return PREFIX + taskId;
    }

    /** The task an execution runs, from its name; task ids hold no dash, so a suffix ({@code mig-<id>-2}) is dropped. */
    public static Optional<String> taskId(String executionName) {
        if (executionName == null || !executionName.startsWith(PREFIX) || executionName.length() == PREFIX.length()) {
            return Optional.empty();
        }
        return Optional.of(executionName.substring(PREFIX.length()).split("-", 2)[0]);
    }
}
