package dev.redismigrate.cli;

import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.functions.workflow.StepHandler;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * The deployed functions the CLI invokes, run in this process by their real handlers, answering as the Lambda runtime
 * does: the handler's JSON, or a function error with its message. Records which functions were invoked.
 */
public final class InProcessLambda implements LambdaClient {
    private final Function<String, StepHandler<?, ?>> handlerByFunction;
    private final List<String> invoked = new ArrayList<>();
    private volatile String failure;

    /** @param handlerByFunction the handler behind a function name (ARN); it fails the test for an unexpected one */
    public InProcessLambda(Function<String, StepHandler<?, ?>> handlerByFunction) {
        this.handlerByFunction = handlerByFunction;
    }

    /** Every invocation fails with this message from now on, as a timed-out or crashed one would; null: none does. */
    void failWith(String message) {
        failure = message;
    }

    public List<String> invoked() {
        return invoked;
    }

    @Override
    public InvokeResponse invoke(InvokeRequest request) {
        invoked.add(request.functionName());
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            handlerByFunction.apply(request.functionName()).handleRequest(request.payload().asInputStream(), output, null);
            return InvokeResponse.builder().statusCode(200).payload(SdkBytes.fromByteArray(output.toByteArray())).build();
        } catch (Exception e) {
            return InvokeResponse.builder().statusCode(200).functionError("Unhandled").payload(SdkBytes.fromUtf8String(
                    TaskJson.write(Map.of("errorMessage", e.getMessage(), "errorType", e.getClass().getName())))).build();
        }
    }

    @Override
    public String serviceName() {
        return "lambda";
    }

    @Override
    public void close() {
    }
}
