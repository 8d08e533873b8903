package dev.redismigrate.cli;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.task.StartTime;
import dev.redismigrate.core.task.TaskEdit;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * What {@code edit} and {@code task edit} may change besides the endpoints: name, scheduled start, parameters and the
 * lock acceptances. Every option left out keeps the task's value.
 */
final class TaskEditOptions {
    @Option(names = "--name", paramLabel = "NAME",
            description = "New task name, at most 100 characters, no control characters.")
    private String name;

    @Option(names = "--start-at", paramLabel = "TIME",
            description = "New scheduled start, e.g. 2026-12-01T22:00:00Z or 2026-12-01 22:00 (local time).")
    private String startAt;

    @Option(names = "--no-start-at", description = "No scheduled start any more: the task starts when started.")
    private boolean noStartAt;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "A source parameter to set during the migration; the others keep their values. Repeatable.")
    private Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--allow-unlocked-target", negatable = true,
            description = "Accept (or with --no-allow-unlocked-target no longer accept) a target that cannot be locked.")
    private Boolean allowUnlocked;

    @Option(names = "--allow-shared-user-lock", negatable = true,
            description = "Accept (or no longer accept) that locking an ElastiCache user group makes its users"
                    + " read-only in their other user groups too.")
    private Boolean allowSharedUserLock;

    /** The edit, with the endpoints and password references the command read (null: unchanged). */
    TaskEdit edit(RedisEndpoint source, SecretRef sourcePassword, RedisEndpoint target, SecretRef targetPassword) {
        if (startAt != null && noStartAt) {
            throw new IllegalArgumentException("give --start-at TIME or --no-start-at, not both");
        }
        Instant start = startAt == null ? null : StartTime.parse(startAt, ZoneId.systemDefault());
        return new TaskEdit(name, source, sourcePassword, target, targetPassword, start, noStartAt, parameters,
                allowUnlocked, allowSharedUserLock);
    }
}
