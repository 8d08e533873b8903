package dev.redismigrate.functions;

import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.core.usecase.ApplySourceParameters;
import dev.redismigrate.core.usecase.cloud.TaskRef;
import dev.redismigrate.functions.workflow.ParametersOutcome;
import dev.redismigrate.functions.workflow.StepHandler;

/** The SetParameters step: the migration's parameters on the source, each previous value stored before it changes. */
public final class SetParametersHandler extends StepHandler<TaskRef, ParametersOutcome> {
    private final ApplySourceParameters applyParameters;

    public SetParametersHandler() {
        this(CloudServices.instance());
    }

    public SetParametersHandler(CloudServices services) {
        super(TaskRef.class);
        this.applyParameters = services.applyParameters();
    }

    @Override
    protected ParametersOutcome handle(TaskRef input) {
        return ParametersOutcome.of(applyParameters.apply(input.taskId()));
    }
}
