package dev.redismigrate.core.usecase;

import dev.redismigrate.core.task.ParameterSetting;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskName;
import java.time.Instant;
import java.util.List;

/** What a person fills in to create a task (the seed's "basic information" and "parameter settings"). */
public record NewTask(String name, SourceSpec source, TargetSpec target, Instant scheduledStart,
                      List<ParameterSetting> parameters) {
    /** @throws dev.redismigrate.core.task.InvalidTaskNameException for a name {@link TaskName} refuses */
    public NewTask {
        TaskName.check(name);
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }
}
