package dev.redismigrate.cli.console;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import java.time.Instant;
import java.util.Map;

/**
 * The "New task" / "Edit task" form as the server checked it: endpoints without their passwords (those come apart, as
 * {@link PasswordInput}s), the parameter overrides by their catalogue names.
 *
 * @param sourceVmId the VM hosting the source (checked in cloud mode), or null
 * @param sourcePrivateIp the VM's private IP when the source was given as private IP + port, or null
 * @param targetInstanceId the managed target's instance id (checked in cloud mode), or null
 */
record TaskForm(String name, Instant scheduledStart,
                RedisEndpoint source, String sourceVmId, String sourcePrivateIp, PasswordInput sourcePassword,
                RedisEndpoint target, String targetInstanceId, PasswordInput targetPassword,
                Map<String, String> parameters, boolean allowUnlockedTarget, boolean acknowledgeWarnings) {
    TaskForm {
        parameters = Map.copyOf(parameters);
    }
}
