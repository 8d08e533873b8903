package dev.redismigrate.functions.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.usecase.cloud.ExecutionName;
import java.io.IOException;
import java.util.Optional;

/**
 * The EventBridge event the janitor receives: "Step Functions Execution Status Change" for an execution of the
 * migration state machine that ended ABORTED, TIMED_OUT or FAILED. Only the fields the janitor reads are kept.
 */
public record ExecutionEnded(Detail detail) {
    /** @param input the execution's input as a JSON string ({@code {"taskId": ...}}) */
    public record Detail(String executionArn, String name, String status, String input, String error, String cause) {
    }

    /** The task, from the execution's input, else from its name ({@code mig-<taskId>}). */
    public Optional<String> taskId() {
        if (detail == null) {
            return Optional.empty();
        }
        if (detail.input() != null) {
            try {
                JsonNode taskId = TaskJson.mapper().readTree(detail.input()).get("taskId");
                if (taskId != null && taskId.isTextual()) {
                    return Optional.of(taskId.asText());
                }
            } catch (IOException notJson) {
                // fall back to the name
            }
        }
        return ExecutionName.taskId(detail.name());
    }

    /** One line for the task's failure: how the execution ended, and its error and cause when it has them. */
    public String describe() {
        StringBuilder line = new StringBuilder("the execution " + detail.name() + " ended " + detail.status());
        if (detail.error() != null && !detail.error().isBlank()) {
            line.append(" (").append(detail.error());
            if (detail.cause() != null && !detail.cause().isBlank()) {
                line.append(": ").append(new StepError(detail.error(), detail.cause()).userMessage());
            }
            line.append(")");
        }
        return line.toString();
    }
}
