package dev.redismigrate.functions;

import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.core.usecase.RestoreSourceParameters;
import dev.redismigrate.core.usecase.cloud.TaskRef;
import dev.redismigrate.functions.workflow.ParametersOutcome;
import dev.redismigrate.functions.workflow.StepHandler;

/** The RestoreParameters step of the cleanup chain: every applied parameter back to its previous value (idempotent). */
public final class RestoreParametersHandler extends StepHandler<TaskRef, ParametersOutcome> {
    private final RestoreSourceParameters restoreParameters;

    public RestoreParametersHandler() {
        this(CloudServices.instance());
    }

    public RestoreParametersHandler(CloudServices services) {
        super(TaskRef.class);
        this.restoreParameters = services.restoreParameters();
    }

    @Override
    protected ParametersOutcome handle(TaskRef input) {
        return ParametersOutcome.of(restoreParameters.restore(input.taskId()));
    }
}
