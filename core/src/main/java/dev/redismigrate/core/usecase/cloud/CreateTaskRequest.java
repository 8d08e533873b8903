package dev.redismigrate.core.usecase.cloud;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.params.ParameterCatalogue;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.usecase.NewTask;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * The create-task function's input: the seed's "basic information", an optional scheduled start, parameter overrides
 * (name to value; every other migration parameter keeps its default) and whether to start once validation passes
 * (default yes). The target may be named by its ElastiCache replication group id alone ({@link TargetRequest}).
 * Passwords are references only: the ARN of a Secrets Manager secret under the stack's prefix, or {@code none}
 * (anything else is refused before the task is stored: the functions never read their own environment or files).
 * The user's acceptances about the lock travel inside {@code target} ({@code "allowUnlocked"},
 * {@code "allowSharedUserLock"}, false when left out).
 */
public record CreateTaskRequest(String name, SourceSpec source, TargetRequest target, Instant scheduledStart,
                                Map<String, String> parameters, Boolean start) {
    /** @param primaryEndpointOf the primary (or configuration) endpoint of a target named only by instance id */
    public NewTask newTask(Function<String, RedisEndpoint> primaryEndpointOf) {
        if (source == null || target == null) {
            throw new IllegalArgumentException("a task needs a source (an endpoint) and a target (an endpoint or an instance id)");
        }
        return new NewTask(name, source, target.toSpec(primaryEndpointOf), scheduledStart,
                ParameterCatalogue.defaultsWith(parameters == null ? Map.of() : parameters));
    }

    public boolean startWhenValid() {
        return start == null || start;
    }
}
