package dev.redismigrate.functions.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
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
        O result = handle(read(input));
        output.write(TaskJson.mapper().writeValueAsBytes(result));
    }

    /**
     * The input; a record that refuses what it is given (a task name with a control character) fails the step with
     * its own error and one-line message, not Jackson's wrapper around them.
     */
    private I read(InputStream input) throws IOException {
        try {
            return TaskJson.mapper().readValue(input, inputType);
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof IllegalArgumentException refused) {
                throw refused;
            }
            throw e;
        }
    }
}
