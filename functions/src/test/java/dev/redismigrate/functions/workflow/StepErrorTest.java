package dev.redismigrate.functions.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.store.TaskJson;
import org.junit.jupiter.api.Test;

class StepErrorTest {
    @Test
    void readsTheErrorAsACatchRecordsIt() {
        StepError error = TaskJson.read("{\"Error\":\"Migration.Cancelled\",\"Cause\":\"cancelled by a person\"}", StepError.class);
        assertThat(error).isEqualTo(new StepError("Migration.Cancelled", "cancelled by a person"));
        assertThat(error.userMessage()).isEqualTo("cancelled by a person");
    }

    @Test
    void takesTheMessageOutOfALambdaFunctionError() {
        StepError error = new StepError("dev.redismigrate.core.port.TargetClaimedException",
                "{\"errorMessage\":\"target 10.0.0.7:6379 is in use by task abc\",\"errorType\":\"dev.redismigrate.core.port.TargetClaimedException\",\"stackTrace\":[]}");
        assertThat(error.userMessage()).isEqualTo("target 10.0.0.7:6379 is in use by task abc");
    }

    @Test
    void fallsBackToTheErrorNameWithoutACause() {
        assertThat(new StepError("States.HeartbeatTimeout", null).userMessage()).isEqualTo("States.HeartbeatTimeout");
    }
}
