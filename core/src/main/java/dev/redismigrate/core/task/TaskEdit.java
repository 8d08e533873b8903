package dev.redismigrate.core.task;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.params.ParameterCatalogue;
import dev.redismigrate.core.params.SourceParameter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What a person changes on a task that has not started; every null field keeps the task's value. A new endpoint
 * keeps the stored password reference unless it carries one of its own or a new reference is given, so that moving
 * a host does not drop its password.
 *
 * @param clearScheduledStart no scheduled start any more (start when pressed)
 * @param parameters overrides by name, merged into the task's current settings (case-insensitive, like CONFIG SET)
 * @param allowUnlocked a new answer to {@code --allow-unlocked-target}
 * @param allowSharedUserLock a new answer to {@code --allow-shared-user-lock}
 */
public record TaskEdit(String name, RedisEndpoint source, SecretRef sourcePassword, RedisEndpoint target,
                       SecretRef targetPassword, Instant scheduledStart, boolean clearScheduledStart,
                       Map<String, String> parameters, Boolean allowUnlocked, Boolean allowSharedUserLock) {
    /** @throws InvalidTaskNameException for a new name {@link TaskName} refuses */
    public TaskEdit {
        TaskName.check(name);
        if (scheduledStart != null && clearScheduledStart) {
            throw new IllegalArgumentException("give a new scheduled start or clear it, not both");
        }
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /** The references that will be stored, for a caller that must refuse some (the cloud reads Secrets Manager only). */
    public List<SecretRef> passwords() {
        return Stream.of(sourcePassword, targetPassword,
                        source == null ? null : source.password(), target == null ? null : target.password())
                .filter(Objects::nonNull).toList();
    }

    /** The task's settings with this edit applied (the status is the caller's business). */
    MigrationTask.Builder applyTo(MigrationTask task, MigrationTask.Builder builder) {
        TargetSpec t = task.target();
        RedisEndpoint targetEndpoint = endpoint(t.endpoint(), target, targetPassword);
        return builder
                .name(name != null && !name.isBlank() ? name : task.name())
                .source(new SourceSpec(endpoint(task.source().endpoint(), source, sourcePassword),
                        task.source().vmInstanceId(), task.source().privateIp()))
                .target(new TargetSpec(targetEndpoint, t.instanceId(),
                        allowUnlocked != null ? allowUnlocked : t.allowUnlocked(),
                        allowSharedUserLock != null ? allowSharedUserLock : t.allowSharedUserLock()))
                .scheduledStart(clearScheduledStart ? null : scheduledStart != null ? scheduledStart : task.scheduledStart())
                .parameters(parameters(task.parameters()));
    }

    private static RedisEndpoint endpoint(RedisEndpoint current, RedisEndpoint given, SecretRef password) {
        RedisEndpoint next = given == null ? current
                : given.password() instanceof SecretRef.None ? given.withPassword(current.password()) : given;
        return password == null ? next : next.withPassword(password);
    }

    private List<ParameterSetting> parameters(List<ParameterSetting> current) {
        if (parameters.isEmpty()) {
            return current;
        }
        Map<String, String> merged = new LinkedHashMap<>();
        current.forEach(s -> merged.put(s.name(), s.requested()));
        parameters.forEach((n, value) -> merged.put(ParameterCatalogue.find(n).map(SourceParameter::name).orElse(n), value));
        return merged.entrySet().stream().map(e -> ParameterSetting.requested(e.getKey(), e.getValue())).toList();
    }
}
