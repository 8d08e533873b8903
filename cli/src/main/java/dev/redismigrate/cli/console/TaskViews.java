package dev.redismigrate.cli.console;

import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncEvent;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.task.LockRecord;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.verify.VerificationReport;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A task as the pages see it: the summary of the list and of {@code task} events, and the full view of the task page.
 * No password ever leaves: only whether one is set and what kind of reference holds it.
 */
final class TaskViews {
    private static final Map<TaskStatus, List<String>> ACTIONS = new EnumMap<>(Map.of(
            TaskStatus.CREATED, List.of("edit", "cancel"),
            TaskStatus.VALIDATED, List.of("start", "edit", "cancel"),
            TaskStatus.VALIDATION_FAILED, List.of("edit", "cancel"),
            TaskStatus.SCHEDULED, List.of("edit", "cancel"),
            TaskStatus.VALIDATING, List.of("cancel"),
            TaskStatus.SYNCING, List.of("verify", "finish", "cancel"),
            TaskStatus.FINISHING, List.of("verify", "cancel"),
            TaskStatus.FAILED, List.of("start", "verify"),
            TaskStatus.FINISHED, List.of(),
            TaskStatus.CANCELLED, List.of()));
    /** Actions a mode never offers: in the cloud the target is reachable from inside the stack only (verify: 501). */
    private static final Map<ConsoleMode, Set<String>> UNAVAILABLE = new EnumMap<>(Map.of(
            ConsoleMode.LOCAL, Set.of(),
            ConsoleMode.CLOUD, Set.of("verify")));

    record ProgressView(Double percent, Long etaSeconds, Long lagMillis) {
    }

    record Summary(String id, String name, TaskStatus status, String phase, String source, String target,
                   Instant scheduledStart, ProgressView progress, TaskEvents.Event lastEvent, Instant updatedAt,
                   Instant createdAt) {
    }

    /**
     * One shard's row under the total, for a task of several syncs: its source keys only (every shard counts the whole
     * target). Offsets, lag and keys are null before the shard's first report.
     */
    record ShardView(String id, String node, String phase, Long appliedOffset, Long sourceOffset, Long lagBytes,
                     Long lagMillis, Long sourceKeys) {
    }

    record LockView(String strategy, Instant lockedAt, String migrationUser, String unlockFailure) {
    }

    record ParameterView(String name, String value, String previous, boolean applied) {
    }

    record PasswordView(boolean passwordSet, String kind) {
    }

    private final TaskEvents events;
    private final Function<String, VerificationReport> verifications;
    private final Set<String> unavailable;

    TaskViews(TaskEvents events, Function<String, VerificationReport> verifications, ConsoleMode mode) {
        this.events = events;
        this.verifications = verifications;
        this.unavailable = UNAVAILABLE.get(mode);
    }

    Summary summary(MigrationTask t) {
        Progress p = t.progress();
        ProgressView progress = p == null ? new ProgressView(null, null, null)
                : new ProgressView(ProgressSample.snapshotPercent(p), ProgressSample.known(p.etaSeconds()),
                ProgressSample.known(p.lagMillis()));
        TaskEvents.Event last = events.last(t.id());
        if (last == null && p != null && p.lastEvent() != null) {
            last = event(p.lastEvent());
        }
        return new Summary(t.id(), t.name(), t.status(), p == null ? null : p.phase().name(),
                t.source().endpoint().display(), t.target().endpoint().display(), t.scheduledStart(), progress, last,
                t.updatedAt(), t.createdAt());
    }

    /** The task page: the summary's fields and everything else a person looks at. */
    Map<String, Object> view(MigrationTask t) {
        @SuppressWarnings("unchecked")
        Map<String, Object> view = new LinkedHashMap<>(TaskJson.mapper().convertValue(summary(t), Map.class));
        view.put("shards", shards(t));
        view.put("validation", ValidationView.of(t.lastValidation()));
        view.put("lock", lock(t));
        view.put("parameters", t.parameters().stream()
                .map(s -> new ParameterView(s.name(), s.requested(), s.previous(), s.applied())).toList());
        view.put("events", events.of(t.id()));
        view.put("verification", VerificationView.of(verifications.apply(t.id())));
        view.put("finishForced", t.forcedFinish());
        view.put("failure", t.failure());
        view.put("desired", t.desired());
        view.put("sourcePassword", password(t.source().endpoint().password()));
        view.put("targetPassword", password(t.target().endpoint().password()));
        view.put("allowedActions", ACTIONS.get(t.status()).stream().filter(a -> !unavailable.contains(a)).toList());
        return view;
    }

    /** A row per shard in the order validation listed them; none for a task of one sync. */
    static List<ShardView> shards(MigrationTask t) {
        List<SyncShard> syncs = t.syncs();
        if (syncs.size() <= 1) {
            return List.of();
        }
        return syncs.stream().map(sync -> {
            Progress p = t.progressOf(sync);
            return p == null ? new ShardView(sync.id(), sync.node(), null, null, null, null, null, null)
                    : new ShardView(sync.id(), sync.node(), p.phase().name(), ProgressSample.known(p.appliedOffset()),
                    ProgressSample.known(p.sourceOffset()), ProgressSample.known(p.lagBytes()),
                    ProgressSample.known(p.lagMillis()),
                    p.sourceKeys().values().stream().mapToLong(DbKeyCount::keys).sum());
        }).toList();
    }

    static TaskEvents.Event event(SyncEvent e) {
        return new TaskEvents.Event(e.at(), e.kind(), e.reason());
    }

    private static LockView lock(MigrationTask t) {
        LockRecord record = t.lock();
        if (record == null) {
            return t.unlockFailure() == null ? null : new LockView(null, null, null, t.unlockFailure());
        }
        return new LockView(record.strategy().id(), record.lockedAt(), record.migrationUser(), t.unlockFailure());
    }

    private static PasswordView password(SecretRef ref) {
        if (ref instanceof SecretRef.None) {
            return new PasswordView(false, "none");
        }
        String reference = ref.reference();
        return new PasswordView(true, ref instanceof SecretRef.SecretsManager ? "secretsmanager"
                : reference.substring(0, reference.indexOf(':')));
    }
}
