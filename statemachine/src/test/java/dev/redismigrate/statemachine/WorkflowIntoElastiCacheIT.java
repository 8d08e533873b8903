package dev.redismigrate.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.aws.cloud.AwsCloudChecks;
import dev.redismigrate.aws.cloud.FenceSecurityGroups;
import dev.redismigrate.aws.cloud.TargetByInstanceId;
import dev.redismigrate.core.elasticache.CacheUser;
import dev.redismigrate.core.elasticache.ElastiCacheException;
import dev.redismigrate.core.elasticache.ReplicationGroup;
import dev.redismigrate.core.elasticache.ReplicationGroup.AuthMode;
import dev.redismigrate.core.endpoint.DnsAddressResolver;
import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.lock.LockStrategy;
import dev.redismigrate.core.port.SyncTasks;
import dev.redismigrate.core.store.InMemoryTargetClaim;
import dev.redismigrate.core.store.InMemoryTaskStore;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.usecase.cloud.TargetRequest;
import dev.redismigrate.core.usecase.cloud.TaskRef;
import dev.redismigrate.core.validation.CheckLevel;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.functions.JanitorHandler;
import dev.redismigrate.functions.UnlockTargetHandler;
import dev.redismigrate.functions.workflow.ExecutionEnded;
import dev.redismigrate.testkit.AcknowledgedWrites;
import dev.redismigrate.testkit.LoopbackClients;
import dev.redismigrate.testkit.RedisCluster;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import dev.redismigrate.testkit.elasticache.ElastiCacheProxy;
import dev.redismigrate.testkit.elasticache.EmulatedElastiCache;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.commands.JedisCommands;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The whole workflow of {@link MigrationWorkflowIT} (the real ASL, handlers and sync container) into an emulated
 * ElastiCache replication group ({@link EmulatedElastiCache}: a proxy that refuses what ElastiCache refuses, in front
 * of a real server, and the API in memory) named by its id. Validation runs the real {@link AwsCloudChecks} over the
 * emulated API (the source is internet-reachable, so no EC2 call is made) and so picks the lock strategy. Each
 * scenario checks what an application on 127.0.0.2 can do during and after the migration, that every user, access
 * string and security group is as before, that no restricted command reached the target, and that the claim on
 * {@code elasticache:<id>} is released (or, where unlock cannot succeed, kept with the cause in the task).
 */
@Timeout(180)
class WorkflowIntoElastiCacheIT {
    private static final String GROUP = "orders-cache";
    private static final String USER_GROUP = "orders-users";
    private static final String OWN_DEFAULT_USER = "orders-default";
    private static final String APP_USER_ID = "orders-app";
    private static final String APP_USER = "app";
    private static final String OPEN = "sg-open";
    private static final String FENCE = "sg-redis-migrate-fence";
    /** The migration's functions and container connect from here; the fence admits only this address. */
    private static final String MIGRATION_ADDRESS = "127.0.0.1";
    private static final String APPLICATION_ADDRESS = "127.0.0.2";
    private static final String DEFAULT_PASSWORD = "default-password-0123456789";
    private static final String APP_PASSWORD = "app-password-0123456789";
    private static final String AUTH_TOKEN = "auth-token-0123456789";
    private static final String TARGET_PASSWORD_VARIABLE = "ORDERS_CACHE_PASSWORD";
    private static final ElastiCacheException ACCESS_DENIED = new ElastiCacheException(ElastiCacheException.Kind.ACCESS_DENIED,
            "AccessDenied", "User: arn:aws:sts::123456789012:assumed-role/lock is not authorized to perform: elasticache:ModifyUser");
    private static final ElastiCacheException THROTTLED = new ElastiCacheException(ElastiCacheException.Kind.TRANSIENT,
            "Throttling", "Rate exceeded");
    /** The janitor finds no container still running for the execution. */
    private static final SyncTasks NONE_RUNNING = (executionName, reason) -> 0;

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    private final Clock clock = Clock.systemUTC();
    private final TaskStore store = new InMemoryTaskStore();
    private final InMemoryTargetClaim claims = new InMemoryTargetClaim();
    private final EmulatedElastiCache elastiCache = new EmulatedElastiCache(Duration.ofMillis(300));
    private RedisServer source;
    private ReplicationGroup target;
    private String targetUser;
    private String targetPassword;
    private CloudServices services;
    /** Set for a group with cluster mode enabled. */
    private RedisCluster cluster;
    /** What the application writes to see whether it can. */
    private String appKey = "written-by-the-app";
    private LocalWorkflow workflow;

    @BeforeEach
    void liveSource() {
        // No 5 s wait for more replicas before a diskless snapshot: the sync starts at once.
        source = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().set("repl-diskless-sync-delay", "0"));
        try (Jedis jedis = source.client()) {
            for (int i = 0; i < 200; i++) {
                jedis.set("key:" + i, "value-" + i);
            }
            jedis.rpush("list", "a", "b", "c");
        }
        elastiCache.defineSecurityGroup(OPEN, Set.of(EmulatedElastiCache.ANYWHERE));
        elastiCache.defineSecurityGroup(FENCE, Set.of(MIGRATION_ADDRESS));
    }

    @AfterEach
    void stop() {
        if (workflow != null) {
            workflow.close();
        }
        elastiCache.close();
    }

    // ---- elasticache-rbac ----

    @Test
    void rbacMakesTheApplicationReadOnlyDuringTheMigrationAndPutsEveryAccessStringBack() throws Exception {
        rbacGroup();
        start(FenceSecurityGroups.none(), LocalWorkflow.NO_SYNC_TASKS);
        Scene before = scene();
        MigrationTask task = workflow.started(task(false));
        AcknowledgedWrites writes = migrateWhileTheSourceIsWritten(task, () -> {
            try (Jedis app = application(APP_USER, APP_PASSWORD)) {
                assertThatThrownBy(() -> app.set("written-by-the-app", "1")).isInstanceOf(JedisDataException.class)
                        .hasMessageStartingWith("NOPERM");
                assertThatCode(() -> app.get("key:1")).as("reads keep working").doesNotThrowAnyException();
            }
        });

        assertFinishedWith(task, LockStrategy.ELASTICACHE_RBAC);
        assertThat(applicationCanWrite(APP_USER, APP_PASSWORD)).isTrue();
        assertTargetHoldsTheSource(writes);
        assertPutBack(task, before);
    }

    // ---- cluster mode enabled ----

    @Test
    void aClusterModeGroupNamedByIdAloneIsMigratedIntoEveryShardUnderTheRbacLock() throws Exception {
        rbacClusterModeGroup();
        start(FenceSecurityGroups.none(), LocalWorkflow.NO_SYNC_TASKS);
        Scene before = scene();
        MigrationTask task = workflow.started(taskNamedByIdAlone());
        assertThat(task.target().endpoint().port()).as("the configuration endpoint").isEqualTo(target.endpointPort());
        AcknowledgedWrites writes = migrateWhileTheSourceIsWritten(task, () -> {
            for (ElastiCacheProxy node : elastiCache.proxies(GROUP)) {
                try (Jedis app = LoopbackClients.jedisFrom(APPLICATION_ADDRESS, node.host(), node.port(), APP_USER,
                        APP_PASSWORD)) {
                    assertThatThrownBy(() -> app.set(appKey, "1")).as("locked on " + node)
                            .isInstanceOf(JedisDataException.class).hasMessageStartingWith("NOPERM");
                }
            }
        });

        assertFinishedWith(task, LockStrategy.ELASTICACHE_RBAC);
        assertThat(workflow.stored(task).lastValidation().results()).filteredOn(r -> r.id().equals("cloud.target-available"))
                .singleElement().satisfies(available -> assertThat(available.message())
                        .contains("cluster mode enabled with 3 shards (0001, 0002, 0003)"));
        assertThat(applicationCanWrite(APP_USER, APP_PASSWORD)).isTrue();
        assertTargetHoldsTheSource(writes);
        assertPutBack(task, before);
    }

    // ---- network-fence ----

    @Test
    void networkFenceKeepsTheApplicationOutDuringTheMigrationAndPutsTheSecurityGroupsBack() throws Exception {
        authTokenGroup();
        start(new FenceSecurityGroups(List.of(FENCE)), LocalWorkflow.NO_SYNC_TASKS);
        Scene before = scene();
        MigrationTask task = workflow.started(task(false));
        Jedis connectedBefore = application(null, AUTH_TOKEN);
        AcknowledgedWrites writes;
        try {
            writes = migrateWhileTheSourceIsWritten(task, () -> {
                assertThatThrownBy(connectedBefore::ping).as("a connection open before the lock is dropped")
                        .isInstanceOf(JedisConnectionException.class);
                assertThatThrownBy(() -> application(null, AUTH_TOKEN).close()).as("no new connection gets in")
                        .isInstanceOf(JedisConnectionException.class);
            });
        } finally {
            LoopbackClients.closeDropped(connectedBefore);
        }

        assertFinishedWith(task, LockStrategy.NETWORK_FENCE);
        assertThat(applicationCanWrite(null, AUTH_TOKEN)).isTrue();
        assertTargetHoldsTheSource(writes);
        assertPutBack(task, before);
    }

    // ---- none ----

    @Test
    void aTargetNothingCanLockFailsValidationAndNothingIsChanged() throws Exception {
        authTokenGroup();
        start(FenceSecurityGroups.none(), LocalWorkflow.NO_SYNC_TASKS);
        Scene before = scene();
        MigrationTask task = workflow.started(task(false));
        LocalExecution.Result result = workflow.execution(task).start().await(LocalWorkflow.EXECUTION_TIMEOUT);

        assertThat(result.error()).as("%s: %s", result.cause(), result.events()).isEqualTo("Migration.ValidationFailed");
        assertThat(workflow.bridge().invocations()).containsExactly("ValidateFunctionArn");
        MigrationTask failed = workflow.stored(task);
        assertThat(failed.status()).isEqualTo(TaskStatus.VALIDATION_FAILED);
        assertThat(lockable(failed).level()).isEqualTo(CheckLevel.ERROR);
        assertThat(lockable(failed).message()).contains("--allow-unlocked-target");
        assertThat(elastiCache.calls()).as("only Describe calls").allSatisfy(call -> assertThat(call).startsWith("Describe"));
        assertPutBack(task, before);
    }

    @Test
    void anAcceptedUnlockedTargetIsMigratedWithoutALockAndTheTaskSaysSo() throws Exception {
        authTokenGroup();
        start(FenceSecurityGroups.none(), LocalWorkflow.NO_SYNC_TASKS);
        Scene before = scene();
        MigrationTask task = workflow.started(task(true));
        workflow.finishedExecution(task, workflow.execution(task), () -> { });

        assertFinishedWith(task, LockStrategy.NONE);
        assertThat(lockable(workflow.stored(task)).level()).isEqualTo(CheckLevel.WARNING);
        assertThat(elastiCache.calls()).as("only Describe calls").allSatisfy(call -> assertThat(call).startsWith("Describe"));
        try (Jedis admin = elastiCache.adminClient(GROUP)) {
            assertThat(admin.get("key:199")).isEqualTo("value-199");
        }
        assertPutBack(task, before);
    }

    // ---- faults ----

    @Test
    void anApiCallFailingMidLockRunsTheCleanupChainAndPutsEveryUserBack() throws Exception {
        rbacGroup();
        start(FenceSecurityGroups.none(), LocalWorkflow.NO_SYNC_TASKS);
        Scene before = scene();
        MigrationTask task = workflow.started(task(false));
        elastiCache.failAfter("ModifyUser", 1, ACCESS_DENIED); // the first user is locked, the second is not
        LocalExecution.Result result = workflow.execution(task).start().await(LocalWorkflow.EXECUTION_TIMEOUT);

        assertThat(result.error()).as("%s: %s", result.cause(), result.events()).isEqualTo("Migration.Failed");
        assertThat(workflow.bridge().invocations()).containsExactly("ValidateFunctionArn", "LockFunctionArn",
                "RestoreParametersFunctionArn", "UnlockFunctionArn", "RecordOutcomeFunctionArn");
        MigrationTask failed = workflow.stored(task);
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.failure()).contains("not authorized to perform: elasticache:ModifyUser");
        assertPutBack(task, before);
    }

    @Test
    void aLockHalfAppliedWhenTheProcessDiesIsUndoneByTheJanitor() throws Exception {
        rbacGroup();
        start(FenceSecurityGroups.none(), NONE_RUNNING);
        Scene before = scene();
        MigrationTask task = workflow.started(task(false));
        services.startTask().validateAgain(task.id());
        elastiCache.failAfter("ModifyUser", 1, ACCESS_DENIED);
        assertThatThrownBy(() -> services.lockTarget().lock(task.id())).hasMessageContaining("elasticache:ModifyUser");
        assertThat(workflow.stored(task).lock()).as("the undo record was stored first").isNotNull();
        assertThat(scene().accessStrings()).as("half locked").isNotEqualTo(before.accessStrings());

        // The execution was aborted in its Lock step, so its own cleanup chain never ran: the janitor's job.
        String event = TaskJson.mapper().writeValueAsString(new ExecutionEnded(new ExecutionEnded.Detail(null,
                "mig-" + task.id(), "ABORTED", TaskJson.mapper().writeValueAsString(new TaskRef(task.id())), null, null)));
        invoke(new JanitorHandler(services), event);

        MigrationTask failed = workflow.stored(task);
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.failure()).contains("ABORTED").contains("the janitor cleaned up after it");
        assertPutBack(task, before);
    }

    @Test
    void anUnlockFailingTwiceThenSucceedingEndsFinishedAndUnlocked() throws Exception {
        rbacGroup();
        start(FenceSecurityGroups.none(), LocalWorkflow.NO_SYNC_TASKS);
        Scene before = scene();
        AtomicInteger callsBeforeUnlock = failingFirst(THROTTLED, 2);
        MigrationTask task = workflow.started(task(false));
        workflow.finishedExecution(task, workflow.execution(task), () -> { });

        List<String> calls = elastiCache.calls();
        assertThat(calls.subList(callsBeforeUnlock.get(), calls.size())).filteredOn("ModifyUser"::equals)
                .as("two refused, then both users put back").hasSize(4);
        assertFinishedWith(task, LockStrategy.ELASTICACHE_RBAC);
        assertThat(applicationCanWrite(APP_USER, APP_PASSWORD)).isTrue();
        assertPutBack(task, before);
    }

    @Test
    void anUnlockFailingForGoodKeepsTheLockAndTheClaimUntilALaterUnlockRestoresIt() throws Exception {
        rbacGroup();
        start(FenceSecurityGroups.none(), LocalWorkflow.NO_SYNC_TASKS);
        Scene before = scene();
        failingFirst(ACCESS_DENIED, 100); // more than the unlock tries
        MigrationTask task = workflow.started(task(false));
        LocalExecution.Result result = workflow.finishWhileSyncing(task, workflow.execution(task), () -> { });

        assertThat(result.error()).as("%s: %s", result.cause(), result.events()).isEqualTo("Migration.Failed");
        MigrationTask stuck = workflow.stored(task);
        assertThat(stuck.lock()).as("the record to undo the lock is kept").isNotNull();
        assertThat(stuck.unlockFailure()).contains("not authorized to perform: elasticache:ModifyUser");
        assertThat(claims.holder(stuck.targetIdentity())).as("other tasks stay off the locked target").contains(task.id());
        assertThat(applicationCanWrite(APP_USER, APP_PASSWORD)).as("still locked").isFalse();

        elastiCache.stopFailing();
        invoke(new UnlockTargetHandler(services), TaskJson.mapper().writeValueAsString(new TaskRef(task.id())));

        assertThat(workflow.stored(task).unlockFailure()).isNull();
        assertThat(applicationCanWrite(APP_USER, APP_PASSWORD)).isTrue();
        assertPutBack(task, before);
    }

    // ---- the scene ----

    /** An RBAC replication group whose user group holds its own default user (the task's) and the application's. */
    private void rbacGroup() {
        elastiCache.addUser(OWN_DEFAULT_USER, "default", DEFAULT_PASSWORD, "on ~* +@all");
        elastiCache.addUser(APP_USER_ID, APP_USER, APP_PASSWORD, "on ~* &* +@all");
        elastiCache.addUserGroup(USER_GROUP, List.of(OWN_DEFAULT_USER, APP_USER_ID));
        target = elastiCache.addReplicationGroup(GROUP, redis.start(RedisVersion.SYSTEM), AuthMode.RBAC, null, List.of(OPEN));
        elastiCache.attachUserGroup(GROUP, USER_GROUP);
        targetUser = "default";
        targetPassword = DEFAULT_PASSWORD;
    }

    /** The same with cluster mode enabled: three shards (a primary each, no replicas), the user group on every node. */
    private void rbacClusterModeGroup() {
        elastiCache.addUser(OWN_DEFAULT_USER, "default", DEFAULT_PASSWORD, "on ~* +@all");
        elastiCache.addUser(APP_USER_ID, APP_USER, APP_PASSWORD, "on ~* &* +@all");
        elastiCache.addUserGroup(USER_GROUP, List.of(OWN_DEFAULT_USER, APP_USER_ID));
        List<RedisServer> nodes = IntStream.range(0, 3)
                .mapToObj(i -> redis.start(RedisVersion.SYSTEM, RedisCluster.nodeConfig())).toList();
        cluster = RedisCluster.form(nodes, 3);
        target = elastiCache.addClusterModeGroup(GROUP, cluster, AuthMode.RBAC, null, List.of(OPEN));
        elastiCache.attachUserGroup(GROUP, USER_GROUP);
        targetUser = "default";
        targetPassword = DEFAULT_PASSWORD;
        // the application writes to the configuration endpoint's node (RedisCluster.form gives it the first third of
        // the slots): no redirection to follow
        appKey = IntStream.range(0, 1000).mapToObj(i -> "written-by-the-app:" + i)
                .filter(key -> RedisCluster.slot(key) < RedisCluster.SLOTS / 3).findFirst().orElseThrow();
    }

    /** A replication group with one AUTH token and a security group that admits everyone. */
    private void authTokenGroup() {
        target = elastiCache.addReplicationGroup(GROUP, redis.start(RedisVersion.SYSTEM), AuthMode.AUTH_TOKEN, AUTH_TOKEN,
                List.of(OPEN));
        targetUser = null;
        targetPassword = AUTH_TOKEN;
    }

    /** The cloud composition over the emulated API, with the stack's fence security group(s) if any. */
    private void start(FenceSecurityGroups fence, SyncTasks syncTasks) throws Exception {
        AwsCloudChecks cloudChecks = new AwsCloudChecks(vmId -> {
            throw new AssertionError("the source is not a VM: EC2 is not asked");
        }, elastiCache, new DnsAddressResolver(), fence, EmulatedElastiCache.REGION);
        services = new CloudServices(new CloudServices.Ports(store, claims,
                new LocalSecretResolver(Map.of(TARGET_PASSWORD_VARIABLE, targetPassword)), cloudChecks,
                new LocalWorkflow.NotInTheStateMachine(), syncTasks, clock, elastiCache, fence));
        workflow = LocalWorkflow.start(services);
    }

    /** The target named by replication group id and given by its primary endpoint, the password by reference. */
    private MigrationTask task(boolean allowUnlocked) {
        RedisEndpoint endpoint = new RedisEndpoint(target.endpointHost(), target.endpointPort(), false, targetUser,
                SecretRef.parse("env:" + TARGET_PASSWORD_VARIABLE));
        return MigrationTask.create("orders", SourceSpec.of(RedisEndpoint.of(source.host(), source.port())),
                new TargetSpec(endpoint, GROUP, allowUnlocked, false), null, List.of(), clock.instant());
    }

    /**
     * The target named by replication group id only: its endpoint is read from ElastiCache as the create-task function
     * reads it, the user and password are the request's.
     */
    private MigrationTask taskNamedByIdAlone() {
        TargetSpec spec = new TargetRequest(null, GROUP, false, false, targetUser,
                SecretRef.parse("env:" + TARGET_PASSWORD_VARIABLE)).toSpec(new TargetByInstanceId(elastiCache)::endpoint);
        return MigrationTask.create("orders", SourceSpec.of(RedisEndpoint.of(source.host(), source.port())), spec, null,
                List.of(), clock.instant());
    }

    /**
     * The Unlock step's first {@code times} ModifyUser calls fail with {@code failure}; returns how many API calls had
     * been made when the Unlock step began (once it has).
     */
    private AtomicInteger failingFirst(ElastiCacheException failure, int times) {
        AtomicInteger callsBefore = new AtomicInteger();
        RequestStreamHandler unlock = new UnlockTargetHandler(services);
        workflow.bridge().register("UnlockFunctionArn", (input, output, context) -> {
            callsBefore.set(elastiCache.calls().size());
            elastiCache.failNext("ModifyUser", times, failure);
            unlock.handleRequest(input, output, context);
        });
        return callsBefore;
    }

    /**
     * Migrates the task while an application writes into the source; {@code duringTheMigration} runs once the task
     * syncs, and the writes stop before the finish so that the target can be compared with what was acknowledged.
     */
    private AcknowledgedWrites migrateWhileTheSourceIsWritten(MigrationTask task, LocalWorkflow.WhileSyncing duringTheMigration)
            throws Exception {
        AcknowledgedWrites writes = AcknowledgedWrites.start(source);
        try {
            workflow.finishedExecution(task, workflow.execution(task), () -> {
                writes.awaitMore(500, Duration.ofSeconds(10));
                duringTheMigration.run();
                writes.close();
            });
        } finally {
            writes.close();
        }
        return writes;
    }

    private static void invoke(RequestStreamHandler handler, String input) throws Exception {
        handler.handleRequest(new ByteArrayInputStream(input.getBytes()), new ByteArrayOutputStream(),
                new TestLambdaContext(handler.getClass().getSimpleName()));
    }

    // ---- what is checked ----

    /** What the migration must leave as it found it: users, access strings, user group, security groups, ACLs. */
    private record Scene(Map<String, String> accessStrings, List<String> userGroupMembers, List<String> securityGroups,
                         List<String> serverAcl) {
    }

    private Scene scene() throws InterruptedException {
        elastiCache.awaitSettled(Duration.ofSeconds(10));
        Map<String, String> accessStrings = new TreeMap<>();
        elastiCache.users().forEach(user -> accessStrings.put(user.userId(), user.accessString()));
        List<String> members = elastiCache.userGroup(USER_GROUP).map(group -> group.userIds()).orElse(List.of());
        try (Jedis admin = elastiCache.adminClient(GROUP)) {
            return new Scene(accessStrings, members, elastiCache.replicationGroup(GROUP).orElseThrow().securityGroupIds(),
                    admin.aclList());
        }
    }

    private void assertFinishedWith(MigrationTask task, LockStrategy strategy) {
        MigrationTask finished = workflow.stored(task);
        assertThat(finished.status()).isEqualTo(TaskStatus.FINISHED);
        assertThat(finished.lockStrategy()).isEqualTo(strategy);
    }

    private void assertPutBack(MigrationTask task, Scene before) throws InterruptedException {
        MigrationTask now = workflow.stored(task);
        assertThat(scene()).as("users, access strings, user group, security groups and ACLs").isEqualTo(before);
        assertThat(now.lock()).isNull();
        assertThat(now.unlockFailure()).isNull();
        assertThat(now.targetIdentity()).as("claimed by instance id").isEqualTo("elasticache:" + GROUP);
        assertThat(claims.holder(now.targetIdentity())).isEmpty();
        assertThat(elastiCache.proxies(GROUP)).as("restricted commands sent to the target")
                .allSatisfy(node -> assertThat(node.refused()).isEmpty());
    }

    private void assertTargetHoldsTheSource(AcknowledgedWrites writes) {
        if (cluster != null) {
            assertClusterHoldsTheSource(writes);
            return;
        }
        try (Jedis from = source.client(); Jedis to = elastiCache.adminClient(GROUP)) {
            assertThat(to.dbSize()).as("keys on the target").isEqualTo(from.dbSize());
            assertHolds(to, writes);
        }
    }

    /** The same over every shard: keys summed over the primaries, values read through the configuration endpoint. */
    private void assertClusterHoldsTheSource(AcknowledgedWrites writes) {
        long keys = cluster.nodes().stream().mapToLong(node -> {
            try (Jedis direct = node.client()) {
                direct.auth(targetUser, targetPassword);
                return direct.dbSize();
            }
        }).sum();
        try (Jedis from = source.client(); JedisCluster to = new JedisCluster(
                Set.of(new HostAndPort(target.endpointHost(), target.endpointPort())),
                DefaultJedisClientConfig.builder().user(targetUser).password(targetPassword).build())) {
            assertThat(keys).as("keys on the target's shards").isEqualTo(from.dbSize());
            assertHolds(to, writes);
        }
    }

    private static void assertHolds(JedisCommands target, AcknowledgedWrites writes) {
        assertThat(target.get("key:199")).isEqualTo("value-199");
        assertThat(target.lrange("list", 0, -1)).containsExactly("a", "b", "c");
        assertThat(writes.differences(target)).as("acknowledged writes on the target").isEmpty();
    }

    private static CheckResult lockable(MigrationTask task) {
        return task.lastValidation().results().stream().filter(result -> result.id().equals("target.lockable"))
                .findFirst().orElseThrow();
    }

    /** The application's client: from its own address, through the group's primary endpoint. */
    private Jedis application(String user, String password) {
        return LoopbackClients.jedisFrom(APPLICATION_ADDRESS, target.endpointHost(), target.endpointPort(), user, password);
    }

    private boolean applicationCanWrite(String user, String password) {
        try (Jedis app = application(user, password)) {
            app.set(appKey, "1");
            app.del(appKey);
            return true;
        } catch (JedisDataException noPermission) {
            return false;
        }
    }
}
