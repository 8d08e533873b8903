package dev.redismigrate.functions.workflow;

/** The RunSync state's payload: which task, and the token its {@code .waitForTaskToken} integration waits on. */
public record StartSyncRequest(String taskId, String taskToken) {
    @Override
    public String toString() {
        return "StartSyncRequest[taskId=" + taskId + ", taskToken=***]";
    }
}
