package dev.redismigrate.aws;

import dev.redismigrate.aws.cloud.AwsCloudChecks;
import dev.redismigrate.aws.cloud.AwsEc2Instances;
import dev.redismigrate.aws.cloud.AwsElastiCache;
import dev.redismigrate.aws.cloud.FenceSecurityGroups;
import dev.redismigrate.aws.cloud.TargetByInstanceId;
import dev.redismigrate.aws.cloud.UnresolvedTargetException;
import dev.redismigrate.aws.events.EventBridgeStatusEvents;
import dev.redismigrate.aws.execution.EcsSyncTasks;
import dev.redismigrate.aws.execution.StepFunctionsExecutions;
import dev.redismigrate.aws.secrets.SecretsManagerSecretResolver;
import dev.redismigrate.aws.store.DynamoDbTargetClaim;
import dev.redismigrate.aws.store.DynamoDbTaskStore;
import dev.redismigrate.core.elasticache.ElastiCache;
import dev.redismigrate.core.endpoint.DnsAddressResolver;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretResolver;
import dev.redismigrate.core.lock.LockStrategy;
import dev.redismigrate.core.port.CloudChecks;
import dev.redismigrate.core.port.Executions;
import dev.redismigrate.core.port.SyncTasks;
import dev.redismigrate.core.port.TargetClaim;
import dev.redismigrate.core.port.TargetLocks;
import dev.redismigrate.core.retry.Retry;
import dev.redismigrate.core.store.StatusAnnouncingTaskStore;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.usecase.ApplySourceParameters;
import dev.redismigrate.core.usecase.CreateTask;
import dev.redismigrate.core.usecase.EditTask;
import dev.redismigrate.core.usecase.LockTarget;
import dev.redismigrate.core.usecase.RecordOutcome;
import dev.redismigrate.core.usecase.RegrantTarget;
import dev.redismigrate.core.usecase.RequestStop;
import dev.redismigrate.core.usecase.RestoreSourceParameters;
import dev.redismigrate.core.usecase.StartTask;
import dev.redismigrate.core.usecase.UnlockTarget;
import dev.redismigrate.core.usecase.ValidateTask;
import dev.redismigrate.core.usecase.cloud.CreateAndStartTask;
import dev.redismigrate.core.usecase.cloud.EditCloudTask;
import dev.redismigrate.core.usecase.cloud.MigrationStarts;
import dev.redismigrate.core.usecase.cloud.ResumeCloudTask;
import dev.redismigrate.core.usecase.cloud.SignalTask;
import dev.redismigrate.core.usecase.cloud.StartCloudTask;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.CloudFindings;
import dev.redismigrate.core.validation.InstanceFacts;
import dev.redismigrate.redisio.RedisConnections;
import dev.redismigrate.redisio.lock.AclTargetLock;
import dev.redismigrate.redisio.lock.CloudPacing;
import dev.redismigrate.redisio.lock.FenceTargetLock;
import dev.redismigrate.redisio.lock.RbacTargetLock;
import dev.redismigrate.redisio.params.ConfigSourceParameters;
import dev.redismigrate.redisio.probe.JedisInstanceProbe;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The AWS composition: the same use cases the local runner calls ({@code cli}'s LocalServices), bound to the cloud
 * adapters (DynamoDB tasks and target claims, Secrets Manager, EC2/ElastiCache checks, Step Functions, ECS) and to the
 * Redis adapters of {@code redis-io}. Built once per container: {@link #instance()} holds the one built from the
 * environment, so the handlers' no-argument constructors (what the Lambda runtime calls, during SnapStart's snapshot)
 * find every client ready. Tests build their own with {@link #CloudServices(Ports)}: an in-memory or dynalite store,
 * local secrets, fakes for the AWS calls.
 */
public final class CloudServices {
    /** The task table's name (set by the stack on every function and on the sync container). */
    public static final String TABLE_ENV = "REDIS_MIGRATE_TABLE";

    /**
     * What differs between AWS and a test: the adapters at the edge.
     *
     * @param elastiCache the ElastiCache API (for targets named by instance id and their locks); null in a composition
     *                    whose targets are never ElastiCache instances
     * @param fence the fence security group(s) of the {@code network-fence} lock
     */
    public record Ports(TaskStore store, TargetClaim claims, SecretResolver secrets, CloudChecks cloudChecks,
                        Executions executions, SyncTasks syncTasks, Clock clock, ElastiCache elastiCache,
                        FenceSecurityGroups fence) {
        /**
         * For tests whose targets are plain Redis: their cloud checks find no managed target, so nothing calls the
         * ElastiCache API.
         */
        public Ports(TaskStore store, TargetClaim claims, SecretResolver secrets, CloudChecks cloudChecks,
                     Executions executions, SyncTasks syncTasks, Clock clock) {
            this(store, claims, secrets, cloudChecks, executions, syncTasks, clock, null, FenceSecurityGroups.none());
        }
    }

    private final Ports ports;
    private final StartTask startTask;
    private final LockTarget lockTarget;
    private final RegrantTarget regrantTarget;
    private final ApplySourceParameters applyParameters;
    private final RestoreSourceParameters restoreParameters;
    private final UnlockTarget unlockTarget;
    private final RecordOutcome recordOutcome;
    private final RequestStop requestStop;
    private final MigrationStarts starts;
    private final CreateAndStartTask createAndStartTask;
    private final SignalTask signalTask;
    private final EditCloudTask editCloudTask;
    private final StartCloudTask startCloudTask;
    private final ResumeCloudTask resumeCloudTask;

    public CloudServices(Ports ports) {
        this.ports = ports;
        TaskStore store = ports.store();
        Clock clock = ports.clock();
        RedisConnections connections = new RedisConnections(ports.secrets());
        TargetLocks locks = targetLocks(ports, connections);
        ConfigSourceParameters parameters = new ConfigSourceParameters(connections);
        ValidateTask validator = new ValidateTask(new JedisInstanceProbe(), store, ports.cloudChecks(), ports.secrets(), clock);
        CreateTask createTask = new CreateTask(store, validator, clock);
        this.startTask = new StartTask(store, validator, clock);
        this.lockTarget = new LockTarget(store, locks, ports.claims(), clock);
        this.regrantTarget = new RegrantTarget(store, locks);
        this.applyParameters = new ApplySourceParameters(store, parameters, clock);
        this.restoreParameters = new RestoreSourceParameters(store, parameters, clock);
        this.unlockTarget = new UnlockTarget(store, locks, ports.claims(), Retry.forCleanup(), clock);
        this.recordOutcome = new RecordOutcome(store, clock);
        this.requestStop = new RequestStop(store, clock);
        this.starts = new MigrationStarts(ports.executions(), clock);
        this.createAndStartTask = new CreateAndStartTask(createTask, startTask, starts, primaryEndpoints(ports.elastiCache()),
                ports.secrets());
        this.signalTask = new SignalTask(requestStop, starts);
        this.editCloudTask = new EditCloudTask(new EditTask(store, validator, starts, clock), ports.secrets());
        this.startCloudTask = new StartCloudTask(store, startTask, starts);
        this.resumeCloudTask = new ResumeCloudTask(store, starts, recordOutcome, clock);
    }

    /** The services of this container (Lambda or ECS), built from its environment on first use. */
    public static CloudServices instance() {
        return FromEnvironment.INSTANCE;
    }

    /**
     * The lock adapters this composition can carry out: ACL always; with the ElastiCache API also the
     * {@code elasticache-rbac} lock, and the {@code network-fence} lock when the stack gave its fence security group.
     * Lock, regrant and unlock each take the adapter the task's strategy or record names.
     */
    private static TargetLocks targetLocks(Ports ports, RedisConnections connections) {
        TargetLocks.Builder locks = TargetLocks.builder()
                .with(LockStrategy.ACL, new AclTargetLock(connections, ports.clock()));
        ElastiCache elastiCache = ports.elastiCache();
        if (elastiCache != null) {
            CloudPacing pacing = CloudPacing.production();
            locks.with(LockStrategy.ELASTICACHE_RBAC, new RbacTargetLock(elastiCache, connections, pacing,
                    ports.clock()));
            if (ports.fence().available()) {
                locks.with(LockStrategy.NETWORK_FENCE, new FenceTargetLock(elastiCache, connections,
                        ports.fence().ids(), pacing, ports.clock()));
            }
        }
        return locks.build();
    }

    /** How a target named only by instance id gets its endpoint, when this composition can ask ElastiCache. */
    private static Function<String, RedisEndpoint> primaryEndpoints(ElastiCache elastiCache) {
        if (elastiCache == null) {
            return id -> {
                throw new UnresolvedTargetException("Target " + id + " cannot be resolved: this installation does not"
                        + " reach the ElastiCache API; give the target endpoint", null);
            };
        }
        return new TargetByInstanceId(elastiCache)::endpoint;
    }

    /**
     * Every client built now: {@value #TABLE_ENV} and {@code AWS_REGION} are required; the state machine, schedule and
     * cluster settings only where a function starts, stops or cleans up executions; the fence security groups
     * ({@value FenceSecurityGroups#ENV}) only for the {@code network-fence} lock.
     */
    public static CloudServices fromEnvironment(Map<String, String> env) {
        AwsClients aws = AwsClients.fromEnvironment(env);
        ElastiCache elastiCache = new AwsElastiCache(aws.build(ElastiCacheClient.builder()));
        FenceSecurityGroups fence = FenceSecurityGroups.fromEnvironment(env);
        return build(env, aws, elastiCache, fence, new AwsCloudChecks(new AwsEc2Instances(aws.build(Ec2Client.builder())),
                elastiCache, new DnsAddressResolver(), fence, aws.region().map(Region::id).orElse("this region")));
    }

    /**
     * What a person's tool needs (tasks, progress, finish and cancel, starting and stopping executions) without the
     * validation's EC2 and ElastiCache clients (the CLI's jar leaves their SDKs out): the CLI validates through the
     * create-task function, which runs in the VPC and reaches both Redis. Validating with these services fails with
     * that explanation.
     */
    public static CloudServices withoutValidation(Map<String, String> env) {
        return build(env, AwsClients.fromEnvironment(env), null, FenceSecurityGroups.none(), new ValidationElsewhere());
    }

    /** The cloud checks of {@link #withoutValidation}: every one refuses, saying where validation runs. */
    private static final class ValidationElsewhere implements CloudChecks {
        @Override
        public CloudFindings check(MigrationTask task) {
            throw elsewhere();
        }

        @Override
        public CheckResult sourceShards(InstanceFacts source) {
            throw elsewhere();
        }

        private static IllegalStateException elsewhere() {
            return new IllegalStateException("validation runs in the create-task function, which reaches both Redis");
        }
    }

    private static CloudServices build(Map<String, String> env, AwsClients aws, ElastiCache elastiCache,
                                       FenceSecurityGroups fence, CloudChecks cloudChecks) {
        String table = env.get(TABLE_ENV);
        if (table == null || table.isBlank()) {
            throw new IllegalStateException(TABLE_ENV + " is not set: the name of the task table (a stack output)");
        }
        Clock clock = Clock.systemUTC();
        DynamoDbClient dynamo = aws.build(DynamoDbClient.builder());
        SecretResolver secrets = new SecretsManagerSecretResolver(aws.build(SecretsManagerClient.builder()),
                SecretsManagerSecretResolver.prefixFrom(env), clock);
        Executions executions = new StepFunctionsExecutions(aws.build(SfnClient.builder()),
                aws.build(SchedulerClient.builder()), StepFunctionsExecutions.Settings.fromEnvironment(env));
        SyncTasks syncTasks = new EcsSyncTasks(aws.build(EcsClient.builder()), env.get(EcsSyncTasks.CLUSTER_ENV));
        // Every status change any step stores is announced on the stack's event bus (none outside the stack).
        TaskStore tasks = new StatusAnnouncingTaskStore(new DynamoDbTaskStore(dynamo, table),
                EventBridgeStatusEvents.fromEnvironment(env, () -> aws.build(EventBridgeClient.builder())));
        return new CloudServices(new Ports(tasks, new DynamoDbTargetClaim(dynamo, table, clock),
                secrets, cloudChecks, executions, syncTasks, clock, elastiCache, fence));
    }

    public TaskStore store() {
        return ports.store();
    }

    public SecretResolver secrets() {
        return ports.secrets();
    }

    public Clock clock() {
        return ports.clock();
    }

    public SyncTasks syncTasks() {
        return ports.syncTasks();
    }

    /** The ElastiCache API, for the lock adapters of ElastiCache targets; null when this composition has none. */
    public ElastiCache elastiCache() {
        return ports.elastiCache();
    }

    /** The fence security group(s) of the {@code network-fence} lock. */
    public FenceSecurityGroups fence() {
        return ports.fence();
    }

    public StartTask startTask() {
        return startTask;
    }

    public LockTarget lockTarget() {
        return lockTarget;
    }

    public RegrantTarget regrantTarget() {
        return regrantTarget;
    }

    public ApplySourceParameters applyParameters() {
        return applyParameters;
    }

    public RestoreSourceParameters restoreParameters() {
        return restoreParameters;
    }

    public UnlockTarget unlockTarget() {
        return unlockTarget;
    }

    public RecordOutcome recordOutcome() {
        return recordOutcome;
    }

    public RequestStop requestStop() {
        return requestStop;
    }

    public CreateAndStartTask createAndStartTask() {
        return createAndStartTask;
    }

    public SignalTask signalTask() {
        return signalTask;
    }

    public EditCloudTask editCloudTask() {
        return editCloudTask;
    }

    public StartCloudTask startCloudTask() {
        return startCloudTask;
    }

    public ResumeCloudTask resumeCloudTask() {
        return resumeCloudTask;
    }

    /** Initialised on first use only, so that tests building their own services never touch the environment. */
    private static final class FromEnvironment {
        static final CloudServices INSTANCE = fromEnvironment(System.getenv());
    }
}
