package dev.redismigrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.functions.workflow.CreateTaskRequest;
import dev.redismigrate.functions.workflow.CreatedTask;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** The create-task function, invoked synchronously with the request's JSON; its error becomes one line. */
final class CreateTaskFunction {
    private final LambdaClient lambda;
    private final String function;

    CreateTaskFunction(LambdaClient lambda, String function) {
        this.lambda = lambda;
        this.function = function;
    }

    CreatedTask create(CreateTaskRequest request) {
        InvokeResponse response = lambda.invoke(r -> r.functionName(function)
                .payload(SdkBytes.fromUtf8String(TaskJson.write(request))));
        String body = response.payload() == null ? "" : response.payload().asUtf8String();
        if (response.functionError() != null) {
            JsonNode error = TaskJson.read(body, JsonNode.class);
            throw new IllegalStateException("the create-task function failed: " + error.path("errorMessage").asText(body));
        }
        return TaskJson.read(body, CreatedTask.class);
    }
}
