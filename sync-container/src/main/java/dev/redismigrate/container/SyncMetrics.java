package dev.redismigrate.container;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.task.SyncShard;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The sync's progress as CloudWatch metrics, in Embedded Metric Format: one JSON line on the container's log (stdout,
 * which the awslogs driver sends to CloudWatch Logs, where the metrics are extracted), so no metrics API is called and
 * no permission is needed. Namespace {@value #NAMESPACE}; each value once by {@code Stack, TaskId} (a task's graph)
 * and once by {@code Stack} alone (what the stack's lag alarm watches, its maximum over every sync); a shard's
 * container (one per primary shard of a cluster source) also by {@code Stack, TaskId, Shard} (the shard's own graph).
 * At most one line per {@code every}: the engine reports once a second, and CloudWatch bills per metric, not per line.
 */
public final class SyncMetrics {
    public static final String NAMESPACE = "RedisMigrate";
    /** The stack's name (set by the stack on the container); without it the {@code Stack} dimension says "unknown". */
    public static final String STACK_ENV = "REDIS_MIGRATE_STACK";
    static final Duration EVERY = Duration.ofSeconds(10);

    private final PrintStream out;
    private final String stack;
    private final Clock clock;
    private final Duration every;
    private Instant last;

    public SyncMetrics(PrintStream out, String stack, Clock clock, Duration every) {
        this.out = out;
        this.stack = stack == null || stack.isBlank() ? "unknown" : stack;
        this.clock = clock;
        this.every = every;
    }

    /** Writes a line for this report of the task's sync unless one was written less than {@code every} ago. */
    public void report(String taskId, SyncShard sync, Progress progress) {
        Instant now = clock.instant();
        if (last != null && now.isBefore(last.plus(every))) {
            return;
        }
        last = now;
        out.println(TaskJson.write(line(taskId, sync, progress, now)));
    }

    private ObjectNode line(String taskId, SyncShard sync, Progress progress, Instant now) {
        ObjectNode line = TaskJson.mapper().createObjectNode();
        ObjectNode directive = line.putObject("_aws").put("Timestamp", now.toEpochMilli())
                .putArray("CloudWatchMetrics").addObject().put("Namespace", NAMESPACE);
        ArrayNode dimensions = directive.putArray("Dimensions");
        if (!sync.whole()) {
            dimensions.addArray().add("Stack").add("TaskId").add("Shard");
            line.put("Shard", sync.id());
        }
        dimensions.addArray().add("Stack").add("TaskId");
        dimensions.addArray().add("Stack");
        ArrayNode metrics = directive.putArray("Metrics");
        line.put("Stack", stack).put("TaskId", taskId).put("Phase", progress.phase().name());
        // -1 means not known yet (before the first offset or lag): no value rather than a false one.
        metric(line, metrics, "LagSeconds", "Seconds", progress.lagMillis() < 0 ? -1.0 : progress.lagMillis() / 1000.0);
        metric(line, metrics, "LagBytes", "Bytes", progress.lagBytes());
        metric(line, metrics, "SourceOffset", "None", progress.sourceOffset());
        metric(line, metrics, "AppliedOffset", "None", progress.appliedOffset());
        metric(line, metrics, "KeysApplied", "Count", progress.keysApplied());
        metric(line, metrics, "SourceKeys", "Count", keys(progress.sourceKeys()));
        metric(line, metrics, "TargetKeys", "Count", keys(progress.targetKeys()));
        return line;
    }

    private static void metric(ObjectNode line, ArrayNode metrics, String name, String unit, Number value) {
        if (value.doubleValue() < 0) {
            return;
        }
        metrics.addObject().put("Name", name).put("Unit", unit);
        line.set(name, value instanceof Double fraction ? line.numberNode(fraction) : line.numberNode(value.longValue()));
    }

    private static long keys(Map<Integer, DbKeyCount> counts) {
        return counts.values().stream().mapToLong(DbKeyCount::keys).sum();
    }
}
