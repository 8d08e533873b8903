package dev.redismigrate.functions.workflow;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.task.InvalidTaskNameException;
import dev.redismigrate.core.usecase.cloud.EditTaskRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StepHandlerTest {
    private static final StepHandler<EditTaskRequest, String> EDIT = new StepHandler<>(EditTaskRequest.class) {
        @Override
        protected String handle(EditTaskRequest input) {
            return "edited";
        }
    };

    @Test
    void anInputTheDomainRefusesFailsTheStepWithItsOwnErrorAndMessage() {
        byte[] json = "{\"taskId\": \"abc\", \"edit\": {\"name\": \"orders\\u001b[2J\"}}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EDIT.handleRequest(new ByteArrayInputStream(json), new ByteArrayOutputStream(), null))
                .isExactlyInstanceOf(InvalidTaskNameException.class)
                .hasMessageStartingWith("the task name has a control character (U+001B, its character 7)");
    }
}
