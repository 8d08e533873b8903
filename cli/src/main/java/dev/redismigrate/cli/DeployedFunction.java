package dev.redismigrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redismigrate.core.store.TaskJson;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * A function of the deployed stack (create-task, unlock-target), invoked synchronously with the request's JSON; its
 * error becomes one line that names the function.
 */
public final class DeployedFunction {
    private final LambdaClient lambda;
    private final String function;
    private final String label;

    /** @param label how the function is named in an error, e.g. "create-task" */
    public DeployedFunction(LambdaClient lambda, String function, String label) {
        this.lambda = lambda;
        this.function = function;
        this.label = label;
    }

    public <T> T invoke(Object request, Class<T> resultType) {
        InvokeResponse response = lambda.invoke(r -> r.functionName(function)
                .payload(SdkBytes.fromUtf8String(TaskJson.write(request))));
        String body = response.payload() == null ? "" : response.payload().asUtf8String();
        if (response.functionError() != null) {
            JsonNode error = TaskJson.read(body, JsonNode.class);
            throw new IllegalStateException("the " + label + " function failed: " + error.path("errorMessage").asText(body));
        }
        return TaskJson.read(body, resultType);
    }
}
