package dev.redismigrate.cli;

import dev.redismigrate.core.endpoint.SecretResolver;
import dev.redismigrate.core.port.PendingStarts;
import dev.redismigrate.core.port.TargetClaim;
import dev.redismigrate.core.port.TargetLocks;
import dev.redismigrate.core.retry.Retry;
import dev.redismigrate.core.store.InMemoryTargetClaim;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.usecase.ApplySourceParameters;
import dev.redismigrate.core.usecase.CreateTask;
import dev.redismigrate.core.usecase.EditTask;
import dev.redismigrate.core.usecase.FinishGate;
import dev.redismigrate.core.usecase.LockTarget;
import dev.redismigrate.core.usecase.RecordOutcome;
import dev.redismigrate.core.usecase.RequestStop;
import dev.redismigrate.core.usecase.RestoreSourceParameters;
import dev.redismigrate.core.usecase.RunMigration;
import dev.redismigrate.core.usecase.RunSync;
import dev.redismigrate.core.usecase.StartTask;
import dev.redismigrate.core.usecase.TaskValidator;
import dev.redismigrate.core.usecase.UnlockTarget;
import dev.redismigrate.core.usecase.ValidateTask;
import dev.redismigrate.core.validation.LocalCloudChecks;
import dev.redismigrate.redisio.RedisConnections;
import dev.redismigrate.redisio.lock.AclTargetLock;
import dev.redismigrate.redisio.params.ConfigSourceParameters;
import dev.redismigrate.redisio.probe.JedisInstanceProbe;
import dev.redismigrate.sync.SyncSettings;
import dev.redismigrate.sync.shard.ShardedSyncRunner;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The local (embedded) composition: the same use cases the Lambdas call, bound to the local adapters (JSON task
 * files, Jedis probes, ACL lock, CONFIG parameters, the in-process sync engine).
 */
public final class LocalServices {
    private final TaskStore store;
    private final SecretResolver secrets;
    private final Clock clock = Clock.systemUTC();
    private final ValidateTask validator;
    private final RedisConnections connections;
    private final SyncSettings syncSettings;
    /** One process runs one migration: its claim on the target lives as long as the process. */
    private final TargetClaim claims = new InMemoryTargetClaim();

    public LocalServices(TaskStore store, SecretResolver secrets, Path spoolDir) {
        this(store, secrets, SyncSettings.defaults().withSpoolDir(spoolDir));
    }

    LocalServices(TaskStore store, SecretResolver secrets, SyncSettings syncSettings) {
        this.store = store;
        this.secrets = secrets;
        this.syncSettings = syncSettings;
        this.connections = new RedisConnections(secrets);
        this.validator = new ValidateTask(new JedisInstanceProbe(), store, new LocalCloudChecks(),
                secrets, clock);
    }

    public SecretResolver secrets() {
        return secrets;
    }

    public TaskStore store() {
        return store;
    }

    public CreateTask createTask() {
        return createTask(validator);
    }

    /** Creating with {@code validation} instead of the catalogue: a caller that has just validated the task itself. */
    public CreateTask createTask(TaskValidator validation) {
        return new CreateTask(store, validation, clock);
    }

    public EditTask editTask() {
        return editTask(validator);
    }

    /**
     * Editing with {@code validation} instead of the catalogue (as {@link #createTask(TaskValidator)}). Locally nothing
     * waits for a scheduled start but the process running it, which sees the task leave SCHEDULED.
     */
    public EditTask editTask(TaskValidator validation) {
        return new EditTask(store, validation, PendingStarts.NONE, clock);
    }

    public RequestStop requestStop() {
        return new RequestStop(store, clock);
    }

    /** "Start now" / "scheduled start" pressed outside a run (the console presses, then hands the task to a run). */
    public StartTask startTask() {
        return new StartTask(store, validator, clock);
    }

    /** The validation catalogue over the local probes: create and edit use it, and so does a dry run of a form. */
    public ValidateTask validator() {
        return validator;
    }

    /** Undoes a task's lock (retried with backoff) and releases its claim: the end of a run, and {@code unlock}. */
    UnlockTarget unlockTarget() {
        return new UnlockTarget(store, locks(), claims, Retry.forCleanup(), clock);
    }

    public RunMigration runMigration(FinishGate gate) {
        TargetLocks locks = locks();
        ConfigSourceParameters parameters = new ConfigSourceParameters(connections);
        ShardedSyncRunner engine = new ShardedSyncRunner(secrets, syncSettings);
        return new RunMigration(store, startTask(), new LockTarget(store, locks, claims, clock),
                new ApplySourceParameters(store, parameters, clock), new RunSync(store, engine, gate, clock),
                new RestoreSourceParameters(store, parameters, clock), unlockTarget(),
                new RecordOutcome(store, clock), clock, d -> Thread.sleep(d.toMillis()));
    }

    /** A machine outside the cloud can lock a self-managed target only (the ElastiCache strategies need the stack). */
    private TargetLocks locks() {
        return TargetLocks.aclOnly(new AclTargetLock(connections, clock));
    }
}
