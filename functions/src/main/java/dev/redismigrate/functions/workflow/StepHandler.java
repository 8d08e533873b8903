package dev.redismigrate.functions.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.redismigrate.core.store.TaskJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A Lambda step of the state machine: JSON in, one call, JSON out. The JSON goes through {@link TaskJson#mapper()},
 * the same mapper as the stores, so records and {@code Instant}s read and write the same everywhere and no reflection
 * set-up is left to the Lambda runtime. An exception fails the step; Step Functions sees its class name as the error
 * (e.g. {@code dev.redismigrate.core.task.TaskStateException}) and the state's Catch takes the cleanup path.
 *
 * <p>Subclasses build their dependencies (SDK clients, store) once, in static fields, so that a SnapStart snapshot
 * holds them ready; {@link #handle} does only the work of one invocation.
 */
public abstract class StepHandler<I, O> implements RequestStreamHandler {
    private final Class<I> inputType;

    protected StepHandler(Class<I> inputType) {
        this.inputType = inputType;
    }

    protected abstract O handle(I input);

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        O result = handle(TaskJson.mapper().readValue(input, inputType));
        output.write(TaskJson.mapper().writeValueAsBytes(result));
    }
}
