package dev.redismigrate.functions.workflow;

import dev.redismigrate.core.port.SourceParameters;
import dev.redismigrate.core.task.ParameterSetting;
import java.util.List;

/**
 * The SetParameters and RestoreParameters steps' output: each parameter with its previous value and whether the
 * migration's value is in effect, and the warnings (CONFIG denied or renamed, an unknown parameter); the execution
 * history keeps them.
 */
public record ParametersOutcome(List<ParameterSetting> settings, List<String> warnings) {
    public static ParametersOutcome of(SourceParameters.Applied applied) {
        return new ParametersOutcome(applied.settings(), applied.warnings());
    }
}
