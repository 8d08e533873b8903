package dev.redismigrate.functions.workflow;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.redismigrate.core.store.TaskJson;
import java.io.IOException;

/** An error as a Catch records it: {@code {"Error": "...", "Cause": "..."}}. */
public record StepError(@JsonProperty("Error") String error, @JsonProperty("Cause") String cause) {
    /**
     * The line to show a person: for a failed Lambda step the cause is the runtime's JSON
     * ({@code {"errorMessage": ..., "errorType": ...}}) and the message is inside it; otherwise the cause itself.
     */
    public String userMessage() {
        if (cause != null && cause.startsWith("{")) {
            try {
                JsonNode message = TaskJson.mapper().readTree(cause).get("errorMessage");
                if (message != null && message.isTextual()) {
                    return message.asText();
                }
            } catch (IOException notJson) {
                // fall through to the raw cause
            }
        }
        return cause == null || cause.isBlank() ? error : cause;
    }
}
