package dev.redismigrate.core.task;

import dev.redismigrate.core.lock.LockStrategy;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.ProgressTotal;
import dev.redismigrate.core.validation.ValidationReport;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A migration task, immutable. Every change returns a new task; {@code version} is the store's optimistic-lock
 * counter (compare-and-set on it), so two processes can never both apply a change to the same version.
 *
 * @param scheduledStart when to start; null = when the user presses start; a time in the past = start at once
 * @param desired what a person asked the running sync to do (finish / cancel)
 * @param failure the cause, when FAILED (one line, no secrets)
 * @param forcedFinish the user finished although verification found differences
 * @param unlockFailure why the last unlock failed (the target is still locked and claimed; {@code redis-migrate
 *                      unlock} retries); null once unlocked
 * @param runs how many times the task was started or resumed: the cloud names the execution of each run after it
 *             ({@code mig-<id>}, then {@code mig-<id>-2}, ...), as Step Functions keeps a name taken for 90 days
 * @param progress what every reader sees of the sync: the whole source's report (for a cluster source run in one
 *                 process, the engine's total of its shards), or the total of the shards' reports when the task runs
 *                 one sync container per shard ({@link #withSyncProgress})
 * @param syncProgress each shard's own report by shard id when the source is a cluster (whether the shards ran in one
 *                     process or one sync container each); empty otherwise. Like {@code progress}, read from the
 *                     store, never written with the task
 * @param finishBarrier how far the current FINISH request has come when the task's syncs finish together; null when
 *                      there is no FINISH request or the task has one sync
 * @param shardFailure which shard's sync failed when the task runs one sync container per shard, so its siblings stop;
 *                     null otherwise, and again once the task is resumed
 */
public record MigrationTask(
        String id,
        String name,
        Instant createdAt,
        Instant updatedAt,
        long version,
        TaskStatus status,
        SourceSpec source,
        TargetSpec target,
        Instant scheduledStart,
        List<ParameterSetting> parameters,
        ValidationReport lastValidation,
        Progress progress,
        DesiredState desired,
        LockRecord lock,
        String failure,
        boolean forcedFinish,
        TaskSummary summary,
        String unlockFailure,
        int runs,
        Map<String, Progress> syncProgress,
        FinishBarrier finishBarrier,
        ShardFailure shardFailure) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public MigrationTask {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        desired = desired == null ? DesiredState.RUN : desired;
        syncProgress = syncProgress == null ? Map.of() : Map.copyOf(syncProgress);
    }

    /** A new task in CREATED, version 0 (not yet stored). */
    public static MigrationTask create(String name, SourceSpec source, TargetSpec target, Instant scheduledStart,
                                       List<ParameterSetting> parameters, Instant now) {
        String id = newId();
        String taskName = name == null || name.isBlank() ? "migration-" + id : name;
        return new MigrationTask(id, taskName, now, now, 0, TaskStatus.CREATED, source, target, scheduledStart,
                parameters, null, null, DesiredState.RUN, null, null, false, null, null, 0, Map.of(), null, null);
    }

    /** 12 lowercase base-32 characters: short enough to type, 60 random bits. */
    static String newId() {
        String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        StringBuilder id = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            id.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    /** The only way a status changes: checked against {@link TaskStatus#next()}. */
    public MigrationTask moveTo(TaskStatus next, Instant now) {
        if (!status.canMoveTo(next)) {
            throw new IllegalTransitionException(id, status, next);
        }
        return toBuilder().status(next).updatedAt(now).build();
    }

    /**
     * Start pressed (or the local runner starting): a scheduled time still ahead makes the task SCHEDULED; no time, or
     * a time already past, starts now (VALIDATING: validation runs again at start).
     */
    public MigrationTask start(Instant now) {
        boolean later = scheduledStart != null && scheduledStart.isAfter(now);
        return moveTo(later ? TaskStatus.SCHEDULED : TaskStatus.VALIDATING, now).toBuilder().runs(runs + 1).build();
    }

    /**
     * Another run takes over a task whose sync died (still SYNCING) or gave up (FAILED): SYNCING again, without the old
     * failure, and without the finish barrier of the run before (its verdict was for what the target held then) or the
     * mark of a shard that failed (its siblings stopped for it; now they all run again). A
     * CANCELLED task stays cancelled: a person decided to stop it and its target was released.
     */
    public MigrationTask resume(Instant now) {
        if (status != TaskStatus.SYNCING && status != TaskStatus.FAILED) {
            throw new TaskStateException("task " + id + " is " + status + "; only a task that was syncing (or failed)"
                    + " can be resumed" + (status == TaskStatus.CANCELLED
                    ? ": a cancelled task stays cancelled; create a new task (and empty the target first)" : ""));
        }
        return moveTo(TaskStatus.SYNCING, now).toBuilder().failure(null).finishBarrier(null).shardFailure(null)
                .runs(runs + 1).build();
    }

    /** New settings for a task that has not started: it needs validating (and, if scheduled, starting) again. */
    public MigrationTask edit(TaskEdit edit, Instant now) {
        if (!status.isEditable()) {
            throw new TaskStateException("task " + id + " is " + status + " and can no longer be edited: only a task"
                    + " that has not started (CREATED, VALIDATED, VALIDATION_FAILED, SCHEDULED) can be");
        }
        return edit.applyTo(this, moveTo(TaskStatus.CREATED, now).toBuilder()).lastValidation(null).build();
    }

    public MigrationTask withValidation(ValidationReport report, Instant now) {
        return toBuilder().lastValidation(report).updatedAt(now).build();
    }

    public MigrationTask withParameters(List<ParameterSetting> settings, Instant now) {
        return toBuilder().parameters(settings).updatedAt(now).build();
    }

    public MigrationTask withLock(LockRecord lockRecord, Instant now) {
        return toBuilder().lock(lockRecord).updatedAt(now).build();
    }

    /** The target was unlocked ({@code cause == null}), or an unlock failed with this cause and the lock stays. */
    public MigrationTask withUnlockFailure(String cause, Instant now) {
        return toBuilder().unlockFailure(cause).updatedAt(now).build();
    }

    /** How the target is to be locked, as the last validation decided; ACL for tasks validated before it said. */
    public LockStrategy lockStrategy() {
        if (lastValidation == null || lastValidation.lockStrategy() == null) {
            return LockStrategy.ACL;
        }
        return lastValidation.lockStrategy();
    }

    /** The task's syncs as the last validation listed them: one per shard of a cluster source, else the whole source. */
    public List<SyncShard> syncs() {
        return lastValidation == null ? List.of(SyncShard.WHOLE) : lastValidation.syncs();
    }

    /** The key of the "one task per target" claim: the validated identity, else the address as typed. */
    public String targetIdentity() {
        if (lastValidation != null && lastValidation.targetIdentity() != null) {
            return lastValidation.targetIdentity();
        }
        return target.endpoint().address();
    }

    /**
     * A new desired state (a new finish request too) ends the finish barrier of the one before, except one whose verdict
     * passed when FINISH is asked for again: some syncs may have stopped on that verdict already, and the others must
     * follow them rather than wait for marks those can no longer make.
     */
    public MigrationTask withDesired(DesiredState state, boolean force, Instant now) {
        boolean decided = state == DesiredState.FINISH && finishBarrier != null && finishBarrier.hasPassed();
        return toBuilder().desired(state).forcedFinish(forcedFinish || force).finishBarrier(decided ? finishBarrier : null)
                .updatedAt(now).build();
    }

    /** The barrier of the current FINISH request; changes no {@code updatedAt}: a person changed nothing. */
    public MigrationTask withFinishBarrier(FinishBarrier barrier) {
        return toBuilder().finishBarrier(barrier).build();
    }

    /** The mark of the shard whose sync failed; changes no {@code updatedAt}: a person changed nothing. */
    public MigrationTask withShardFailure(ShardFailure failure) {
        return toBuilder().shardFailure(failure).build();
    }

    public MigrationTask withProgress(Progress newProgress) {
        return toBuilder().progress(newProgress).build();
    }

    /**
     * The task with each sync's own progress as the store keeps it: {@code whole} from a sync of the whole source,
     * {@code shards} by shard id from one sync container per shard, or from a local run of every shard in one process,
     * which saves both (its total, with every event of its shards, and each shard's report). {@link #progress()}
     * becomes {@code whole} when there is one, else the total of the shards ({@link ProgressTotal#ofSaved}), a shard of
     * {@link #syncs()} without a report yet counting as connecting.
     */
    public MigrationTask withSyncProgress(Progress whole, Map<String, Progress> shards) {
        if (whole != null || shards.isEmpty()) {
            return toBuilder().progress(whole).syncProgress(shards).build();
        }
        Map<String, Progress> bySync = new TreeMap<>(shards);
        List<Progress> reports = new ArrayList<>();
        for (SyncShard sync : syncs()) {
            if (!sync.whole()) {
                reports.add(bySync.remove(sync.id()));
            }
        }
        reports.addAll(bySync.values());
        return toBuilder().progress(ProgressTotal.ofSaved(reports)).syncProgress(shards).build();
    }

    /**
     * What {@code sync} reported last (null before its first report): a shard's own report, or for the whole source
     * {@link #progress()}.
     */
    public Progress progressOf(SyncShard sync) {
        return sync.whole() ? progress : syncProgress.get(sync.id());
    }

    /** The task as stores write it: progress is saved apart and read back by {@code find}. */
    public MigrationTask withoutProgress() {
        return toBuilder().progress(null).syncProgress(Map.of()).build();
    }

    public MigrationTask failed(String cause, Instant now) {
        return moveTo(TaskStatus.FAILED, now).toBuilder().failure(cause).build();
    }

    public MigrationTask withSummary(TaskSummary taskSummary, Instant now) {
        return toBuilder().summary(taskSummary).updatedAt(now).build();
    }

    /** The same task at the given store version (stores call this when they write). */
    public MigrationTask atVersion(long newVersion) {
        return toBuilder().version(newVersion).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Field-by-field copy used by the {@code with*} methods; statuses change only through {@link #moveTo}. */
    public static final class Builder {
        private String id;
        private String name;
        private Instant createdAt;
        private Instant updatedAt;
        private long version;
        private TaskStatus status;
        private SourceSpec source;
        private TargetSpec target;
        private Instant scheduledStart;
        private List<ParameterSetting> parameters;
        private ValidationReport lastValidation;
        private Progress progress;
        private DesiredState desired;
        private LockRecord lock;
        private String failure;
        private boolean forcedFinish;
        private TaskSummary summary;
        private String unlockFailure;
        private int runs;
        private Map<String, Progress> syncProgress;
        private FinishBarrier finishBarrier;
        private ShardFailure shardFailure;

        private Builder(MigrationTask t) {
            id = t.id;
            name = t.name;
            createdAt = t.createdAt;
            updatedAt = t.updatedAt;
            version = t.version;
            status = t.status;
            source = t.source;
            target = t.target;
            scheduledStart = t.scheduledStart;
            parameters = t.parameters;
            lastValidation = t.lastValidation;
            progress = t.progress;
            desired = t.desired;
            lock = t.lock;
            failure = t.failure;
            forcedFinish = t.forcedFinish;
            summary = t.summary;
            unlockFailure = t.unlockFailure;
            runs = t.runs;
            syncProgress = t.syncProgress;
            finishBarrier = t.finishBarrier;
            shardFailure = t.shardFailure;
        }

        public Builder name(String v) { name = v; return this; }
        public Builder updatedAt(Instant v) { updatedAt = v; return this; }
        public Builder version(long v) { version = v; return this; }
        private Builder status(TaskStatus v) { status = v; return this; }
        public Builder source(SourceSpec v) { source = v; return this; }
        public Builder target(TargetSpec v) { target = v; return this; }
        public Builder scheduledStart(Instant v) { scheduledStart = v; return this; }
        public Builder parameters(List<ParameterSetting> v) { parameters = v; return this; }
        public Builder lastValidation(ValidationReport v) { lastValidation = v; return this; }
        public Builder progress(Progress v) { progress = v; return this; }
        public Builder desired(DesiredState v) { desired = v; return this; }
        public Builder lock(LockRecord v) { lock = v; return this; }
        public Builder failure(String v) { failure = v; return this; }
        public Builder forcedFinish(boolean v) { forcedFinish = v; return this; }
        public Builder summary(TaskSummary v) { summary = v; return this; }
        public Builder unlockFailure(String v) { unlockFailure = v; return this; }
        private Builder runs(int v) { runs = v; return this; }
        private Builder syncProgress(Map<String, Progress> v) { syncProgress = v; return this; }
        private Builder finishBarrier(FinishBarrier v) { finishBarrier = v; return this; }
        private Builder shardFailure(ShardFailure v) { shardFailure = v; return this; }

        public MigrationTask build() {
            return new MigrationTask(id, name, createdAt, updatedAt, version, status, source, target, scheduledStart,
                    parameters, lastValidation, progress, desired, lock, failure, forcedFinish, summary, unlockFailure, runs,
                    syncProgress, finishBarrier, shardFailure);
        }
    }
}
