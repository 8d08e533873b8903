package dev.redismigrate.cli.console;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.params.ParameterCatalogue;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskEdit;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The "New task" / "Edit task" form as the server checked it: endpoints without their passwords (those come apart, as
 * {@link PasswordInput}s), the parameter overrides by their catalogue names.
 *
 * @param sourceVmId the VM hosting the source (checked in cloud mode), or null
 * @param sourcePrivateIp the VM's private IP when the source was given as private IP + port, or null
 * @param target the target's endpoint; null in cloud mode for a target named by its instance id only
 * @param targetInstanceId the managed target's instance id (checked in cloud mode), or null
 * @param targetUser the user to connect to a target named by its instance id only, or null
 */
record TaskForm(String name, Instant scheduledStart,
                RedisEndpoint source, String sourceVmId, String sourcePrivateIp, PasswordInput sourcePassword,
                RedisEndpoint target, String targetInstanceId, String targetUser, PasswordInput targetPassword,
                Map<String, String> parameters, boolean allowUnlockedTarget, boolean acknowledgeWarnings) {
    TaskForm {
        parameters = Map.copyOf(parameters);
    }

    /**
     * The form as an edit of a task that has not started: every field as the form has it (the parameters the form
     * leaves out go back to their defaults); a null password keeps the stored reference.
     */
    TaskEdit edit(SecretRef newSourcePassword, SecretRef newTargetPassword) {
        Map<String, String> values = new LinkedHashMap<>();
        ParameterCatalogue.defaultsWith(parameters).forEach(s -> values.put(s.name(), s.requested()));
        return new TaskEdit(name, source, newSourcePassword, target, newTargetPassword, scheduledStart,
                scheduledStart == null, values, allowUnlockedTarget, null);
    }

    /**
     * What an edit cannot change (the edit use case keeps it): a different value is refused rather than silently kept;
     * a field the form leaves out keeps the stored value (the edit page shows a task by its endpoints only).
     */
    void refuseChangesOfFixedFields(MigrationTask before) {
        if (changes(sourceVmId, before.source().vmInstanceId())) {
            throw ApiException.badRequest("source.vmId", "the source VM id cannot be changed by an edit; create a new task");
        }
        if (changes(sourcePrivateIp, before.source().privateIp())) {
            throw ApiException.badRequest("source.privateIp", "the source's private IP cannot be changed by an edit;"
                    + " create a new task");
        }
        if (changes(targetInstanceId, before.target().instanceId())) {
            throw ApiException.badRequest("target.instanceId", "the target instance id cannot be changed by an edit;"
                    + " create a new task");
        }
    }

    private static boolean changes(String given, String stored) {
        return given != null && !given.equals(stored);
    }
}
