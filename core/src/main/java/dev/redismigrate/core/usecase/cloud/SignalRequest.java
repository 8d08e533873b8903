package dev.redismigrate.core.usecase.cloud;

/**
 * A person's finish or cancel, e.g. {@code {"taskId": "k3xq7m2p9c4a", "action": "FINISH"}}. {@code taskId} may also be a
 * task's unique name; {@code force} finishes even while verification finds differences (recorded in the task).
 */
public record SignalRequest(String taskId, Action action, boolean force) {
    public enum Action {
        FINISH, CANCEL
    }
}
