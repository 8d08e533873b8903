package dev.redismigrate.functions.workflow;

import dev.redismigrate.core.params.ParameterCatalogue;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.usecase.NewTask;
import java.time.Instant;
import java.util.Map;

/**
 * The create-task function's input: the seed's "basic information", an optional scheduled start, parameter overrides
 * (name to value; every other migration parameter keeps its default) and whether to start once validation passes
 * (default yes). Passwords are references only: a Secrets Manager ARN, {@code env:NAME}, or {@code none}. The
 * user's acceptances about the lock travel inside {@code target} ({@code "allowUnlocked"},
 * {@code "allowSharedUserLock"}, false when left out).
 */
public record CreateTaskRequest(String name, SourceSpec source, TargetSpec target, Instant scheduledStart,
                                Map<String, String> parameters, Boolean start) {
    public NewTask newTask() {
        if (source == null || target == null) {
            throw new IllegalArgumentException("a task needs a source and a target (each with an endpoint)");
        }
        return new NewTask(name, source, target, scheduledStart,
                ParameterCatalogue.defaultsWith(parameters == null ? Map.of() : parameters));
    }

    public boolean startWhenValid() {
        return start == null || start;
    }
}
