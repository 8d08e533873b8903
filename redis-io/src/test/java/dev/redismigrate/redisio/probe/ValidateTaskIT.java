package dev.redismigrate.redisio.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.RedisUri;
import dev.redismigrate.core.lock.AclLockPlan;
import dev.redismigrate.core.lock.LockStrategy;
import dev.redismigrate.core.params.ParameterCatalogue;
import dev.redismigrate.core.store.LocalFileTaskStore;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.ParameterSetting;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.usecase.ValidateTask;
import dev.redismigrate.core.validation.Check;
import dev.redismigrate.core.validation.CheckLevel;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.LocalCloudChecks;
import dev.redismigrate.core.validation.ValidationReport;
import dev.redismigrate.testkit.RedisCluster;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import dev.redismigrate.testkit.TestTiers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;

/** Provokes every check of the catalogue against real servers (and ports that are not Redis). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ValidateTaskIT {
    private static final ProbeSettings FAST = new ProbeSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));

    @RegisterExtension
    final RedisServers redis = new RedisServers();
    private final FakePorts fakePorts = new FakePorts();
    @TempDir
    Path stateDir;

    @AfterEach
    void closePorts() {
        fakePorts.close();
    }

    @Test
    void healthyPairPassesEveryLocalCheck() {
        RedisServer source = redis.start();
        RedisServer target = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().password("t-pw"));
        fill(source, 0, 10);

        ValidationReport report = validate(source.uri(), withPassword(target, "t-pw"));

        assertThat(report.results()).filteredOn(r -> !r.id().startsWith("cloud."))
                .allSatisfy(r -> assertThat(r.level()).as(r.id() + ": " + r.message()).isEqualTo(CheckLevel.PASS));
        assertThat(report.results()).filteredOn(r -> r.id().startsWith("cloud."))
                .allSatisfy(r -> assertThat(r.level()).isEqualTo(CheckLevel.SKIPPED));
    }

    @ParameterizedTest
    @EnumSource(value = RedisVersion.class, names = {"V6_2", "V8_0", "VALKEY_8_1"})
    void redis28IntoEachNewerTargetPasses(RedisVersion targetVersion) {
        RedisServer source = redis.start(RedisVersion.V2_8);
        RedisServer target = redis.start(targetVersion, RedisServerConfig.defaults().password("t-pw"));
        fill(source, 0, 10);

        ValidationReport report = validate(source.uri(), withPassword(target, "t-pw"));

        assertThat(report.results()).filteredOn(r -> !r.id().startsWith("cloud."))
                .allSatisfy(r -> assertThat(r.level()).as(r.id() + ": " + r.message()).isEqualTo(CheckLevel.PASS));
    }

    @Test
    void closedPortIsRefused() {
        CheckResult r = result(validate("redis://127.0.0.1:" + FakePorts.closed(), emptyTarget()), Check.SOURCE_REACHABLE);
        assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(r.message()).contains("was refused");
    }

    @Test
    void silentPortTimesOutInsteadOfHanging() {
        long start = System.nanoTime();
        CheckResult r = result(validate("redis://127.0.0.1:" + fakePorts.silent(), emptyTarget()), Check.SOURCE_REACHABLE);
        assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(r.message()).contains("did not answer PING within 2 s").contains("security group");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void httpPortIsNotRedis() {
        CheckResult r = result(validate(emptyTarget(), "redis://127.0.0.1:" + fakePorts.http()), Check.TARGET_SPEAKS_REDIS);
        assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(r.message()).contains("answers HTTP ('HTTP/1.1 400");
    }

    @Test
    void sshPortIsNotRedis() {
        CheckResult r = result(validate("redis://127.0.0.1:" + fakePorts.ssh(), emptyTarget()), Check.SOURCE_SPEAKS_REDIS);
        assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(r.message()).contains("is an SSH server ('SSH-2.0-OpenSSH_9.2')");
    }

    @Test
    void unknownHostIsADnsError() {
        CheckResult r = result(validate("redis://no-such-host.invalid:6379", emptyTarget()), Check.SOURCE_REACHABLE);
        assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(r.message()).contains("'no-such-host.invalid'").contains("host name");
    }

    @Test
    void tlsToAPlainPortFailsTheHandshake() {
        RedisServer plain = redis.start();
        CheckResult r = result(validate("rediss://127.0.0.1:" + plain.port(), emptyTarget()), Check.SOURCE_REACHABLE);
        assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(r.message()).contains("TLS handshake").contains("redis:// instead of rediss://");
    }

    @Test
    void wrongPasswordNamesTheSideAndNeverThePassword() {
        RedisServer target = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().password("right-pw"));
        ValidationReport report = validate(emptyTarget(), withPassword(target, "wrong-pw-123"));
        CheckResult r = result(report, Check.TARGET_AUTH);
        assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(r.message()).startsWith("The target refused the password");
        assertThat(report.results()).allSatisfy(x -> assertThat(x.message()).doesNotContain("wrong-pw-123").doesNotContain("right-pw"));
        assertThat(result(report, Check.TARGET_PASSWORD).level()).as("it has one").isEqualTo(CheckLevel.PASS);
    }

    @Test
    void missingPasswordSaysWhichSideNeedsOne() {
        RedisServer source = redis.start(RedisVersion.V2_8, RedisServerConfig.defaults().password("s-pw"));
        CheckResult r = result(validate(source.uri(), emptyTarget()), Check.SOURCE_AUTH);
        assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(r.message()).startsWith("The source requires a password and none was given.");
    }

    @Test
    void wrongAclUserPassword() {
        RedisServer source = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().aclUser("mig on >pw ~* +@all"));
        CheckResult r = result(validate("redis://mig:bad@127.0.0.1:" + source.port(), emptyTarget()), Check.SOURCE_AUTH);
        assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(r.message()).contains("for user 'mig'").contains("WRONGPASS");
    }

    @Test
    void userWithoutInfoIsTold() {
        RedisServer source = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().aclUser("mig on >pw ~* +@all -info"));
        CheckResult r = result(validate("redis://mig:pw@127.0.0.1:" + source.port(), emptyTarget()), Check.SOURCE_AUTH);
        assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(r.message()).contains("may not run a command validation needs").contains("'info'");
    }

    @Test
    void userNameOnA28ServerIsExplained() {
        RedisServer source = redis.start(RedisVersion.V2_8, RedisServerConfig.defaults().password("pw"));
        CheckResult r = result(validate("redis://mig:pw@127.0.0.1:" + source.port(), emptyTarget()), Check.SOURCE_AUTH);
        assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(r.message()).contains("predates ACL users");
    }

    @Test
    void sameInstanceTwice() {
        RedisServer server = redis.start();
        CheckResult r = result(validate(server.uri(), server.uri()), Check.DISTINCT_INSTANCES);
        assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(r.message()).contains("same server");
    }

    @Test
    void redis28SourceIsSupported() {
        RedisServer source = redis.start(RedisVersion.V2_8);
        fill(source, 0, 5);
        ValidationReport report = validate(source.uri(), emptyTarget());
        assertThat(result(report, Check.SOURCE_VERSION).message()).contains("2.8.19");
        assertThat(report.withLevel(CheckLevel.ERROR)).isEmpty();
        assertThat(result(report, Check.SOURCE_SYNC_ALLOWED).level()).isEqualTo(CheckLevel.PASS);
        assertThat(result(report, Check.TARGET_DATA_TYPES).level()).isEqualTo(CheckLevel.PASS);
    }

    @Test
    void readOnlyReplicaTarget() {
        RedisServer master = redis.start();
        RedisServer replica = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().replicaOf(master.host(), master.port()));
        CheckResult r = result(validate(emptySource(), replica.uri()), Check.TARGET_ROLE);
        assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(r.message()).contains("read-only replica of 127.0.0.1:" + master.port());
    }

    @Test
    void replicaSourceCutOffFromItsMaster() {
        RedisServer replica = redis.start(RedisVersion.V2_8, RedisServerConfig.defaults().replicaOf("127.0.0.1", FakePorts.closed()));
        CheckResult r = result(validate(replica.uri(), emptyTarget()), Check.SOURCE_ROLE);
        assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(r.message()).contains("not connected to it");
    }

    @ParameterizedTest
    @EnumSource(value = RedisVersion.class, names = {"V6_2", "VALKEY_8_1"})
    void anyNodeOfAnEmptyClusterIsFollowedToEveryPrimaryAsTargetAndRefusedAsSource(RedisVersion version) {
        RedisCluster cluster = redis.cluster(version, 3, 1);
        RedisServer primary = cluster.primaries().get(0);
        RedisServer replica = cluster.replicasOf(primary).get(0);

        for (RedisServer node : List.of(primary, replica)) {
            ValidationReport report = validate(emptySource(), node.uri());
            CheckResult target = result(report, Check.TARGET_TOPOLOGY);
            assertThat(target.level()).isEqualTo(CheckLevel.PASS);
            assertThat(target.message()).startsWith("The target is a Redis Cluster (cluster_state:ok): 3 primaries (")
                    .contains("serve all 16384 slots");
            cluster.primaries().forEach(p -> assertThat(target.message()).contains("127.0.0.1:" + p.port()));
            assertThat(result(report, Check.TARGET_EMPTY).message())
                    .isEqualTo("On each of the 3 primaries: the target is empty in every database.");
            assertThat(result(report, Check.TARGET_ROLE).level()).isEqualTo(CheckLevel.PASS);
            assertThat(result(report, Check.TARGET_LOCKABLE).level()).isEqualTo(CheckLevel.PASS);
            assertThat(result(report, Check.TARGET_CLUSTER_WRITES).level()).isEqualTo(CheckLevel.WARNING);
            assertThat(report.lockStrategy()).isEqualTo(LockStrategy.ACL);

            ValidationReport asSource = validate(node.uri(), emptyTarget());
            CheckResult source = result(asSource, Check.SOURCE_TOPOLOGY);
            assertThat(source.level()).isEqualTo(CheckLevel.PASS);
            assertThat(source.message()).startsWith("The source is a Redis Cluster (cluster_state:ok): 3 primaries (")
                    .contains("one sync per shard");
            assertThat(result(asSource, Check.SOURCE_SYNC_ALLOWED).message()).startsWith("On each of the 3 primaries:");
            assertThat(asSource.syncs()).as("one sync per primary, named by its first slot range")
                    .extracting(SyncShard::id, SyncShard::node, SyncShard::slots)
                    .containsExactly(tuple("0-5460", "127.0.0.1:" + cluster.primaries().get(0).port(), "0-5460"),
                            tuple("5461-10921", "127.0.0.1:" + cluster.primaries().get(1).port(), "5461-10921"),
                            tuple("10922-16383", "127.0.0.1:" + cluster.primaries().get(2).port(), "10922-16383"));
            assertThat(report.syncs()).as("a standalone source is one sync").containsExactly(SyncShard.WHOLE);
        }
    }

    @Test
    void aClusterPrimaryHoldingAKeyIsNamedAndOneRefusingTheCredentialsToo() {
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0);
        RedisServer holder = cluster.ownerOf("k");
        try (Jedis node = holder.client()) {
            node.set("k", "v");
        }
        RedisServer given = cluster.primaries().stream().filter(p -> p != holder).findFirst().orElseThrow();

        CheckResult empty = result(validate(emptySource(), given.uri()), Check.TARGET_EMPTY);
        assertThat(empty.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(empty.message()).isEqualTo("On primary 127.0.0.1:" + holder.port() + ": target db0 holds 1 key."
                + " The target must be empty so nothing is overwritten. Use an empty instance or FLUSHALL it first.");

        // ACL users are per node: a user made on one node only is unknown to the others
        try (Jedis admin = given.client()) {
            admin.aclSetUser("mig", "on", ">mig-pw", "allkeys", "+@all");
        }
        CheckResult topology = result(validate(emptySource(), "redis://mig:mig-pw@127.0.0.1:" + given.port()),
                Check.TARGET_TOPOLOGY);
        assertThat(topology.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(topology.message()).startsWith("The target is a Redis Cluster, but primaries ")
                .contains("127.0.0.1:" + holder.port()).contains("could not be used with the target's credentials");
    }

    @Test
    void aTargetHoldingTheUserOfAnotherMigrationIsRefusedButNotTheTaskItLockedForValidatedAgain() {
        RedisServer target = redis.start(RedisVersion.V7_0);
        MigrationTask crashed = task(emptySource(), target.uri(), ParameterCatalogue.defaults());
        String leftover = AclLockPlan.migrationUser(crashed.id());
        try (Jedis admin = target.client()) {
            admin.aclSetUser(leftover, "on", ">left-behind", "allkeys", "+@all");
        }

        CheckResult other = result(validate(emptySource(), target.uri()), Check.TARGET_NO_OTHER_MIGRATION);
        CheckResult own = result(validateTask().validate(crashed), Check.TARGET_NO_OTHER_MIGRATION);

        assertThat(other.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(other.message()).startsWith("The target holds user " + leftover + " of migration task "
                + crashed.id()).contains("ACL DELUSER " + leftover);
        assertThat(own.level()).as(own.message()).isEqualTo(CheckLevel.PASS);
    }

    @Test
    void aClusterPrimaryHoldingAShardUserOfAnotherMigrationIsNamed() {
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0);
        RedisServer holder = cluster.primaries().get(2);
        String leftover = "redis-migrate-k3xq7m2p9c4a-10922-16383";
        try (Jedis admin = holder.client()) {
            admin.aclSetUser(leftover, "on", ">left-behind", "allkeys", "+@all");
        }

        CheckResult other = result(validate(emptySource(), cluster.primaries().get(0).uri()),
                Check.TARGET_NO_OTHER_MIGRATION);

        assertThat(other.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(other.message()).startsWith("On primary 127.0.0.1:" + holder.port() + ": the target holds user "
                + leftover + " of migration task k3xq7m2p9c4a");
    }

    @Test
    void aClusterNodeWhoseUserMayNotRunClusterIsStillKnownAsOne() {
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0);
        RedisServer node = cluster.primaries().get(0);
        try (Jedis admin = node.client()) {
            admin.aclSetUser("mig", "on", ">mig-pw", "allkeys", "+@all", "-cluster");
        }

        CheckResult r = result(validate(emptySource(), "redis://mig:mig-pw@127.0.0.1:" + node.port()),
                Check.TARGET_TOPOLOGY);

        assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(r.message()).startsWith("The target is a Redis Cluster node (cluster_enabled:1), but this user may"
                + " not read its state and slots");
    }

    @Test
    void nonEmptyTarget() {
        RedisServer target = redis.start();
        fill(target, 0, 12);
        fill(target, 3, 1);
        CheckResult r = result(validate(emptySource(), target.uri()), Check.TARGET_EMPTY);
        assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(r.message()).isEqualTo("Target db0 holds 12 keys, db3 holds 1 key. The target must be empty so"
                + " nothing is overwritten. Use an empty instance or FLUSHALL it first.");
    }

    @Test
    void evictingTarget() {
        RedisServer target = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults()
                .set("maxmemory", "100mb").set("maxmemory-policy", "allkeys-lru"));
        CheckResult r = result(validate(emptySource(), target.uri()), Check.TARGET_EVICTION);
        assertThat(r.level()).isEqualTo(CheckLevel.WARNING);
        assertThat(r.message()).contains("allkeys-lru");
    }

    @Test
    void targetWithTooFewDatabases() {
        RedisServer source = redis.start();
        fill(source, 5, 1);
        RedisServer target = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().set("databases", "1"));
        CheckResult r = result(validate(source.uri(), target.uri()), Check.TARGET_DATABASES);
        assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(r.message()).contains("db5").contains("only 1 database (db0)");
    }

    @Test
    void databaseCountIsFoundWithoutConfig() {
        RedisServer target = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().set("databases", "7")
                .renameCommand("CONFIG", ""));
        RedisEndpoint endpoint = RedisUri.parse(target.uri());
        assertThat(new JedisInstanceProbe(FAST).probe(endpoint, null, dev.redismigrate.core.validation.Side.TARGET)
                .databases()).isEqualTo(7);
    }

    @Test
    void aclUserWithoutPsyncOnRedis7() {
        RedisServer source = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().aclUser("mig on >pw ~* +@all -psync -sync"));
        CheckResult r = result(validate("redis://mig:pw@127.0.0.1:" + source.port(), emptyTarget()), Check.SOURCE_SYNC_ALLOWED);
        assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(r.message()).contains("denied by ACL").contains("ACL SETUSER mig +psync +sync");
    }

    @Test
    void aclUserWithoutPsyncOnRedis62() {
        RedisServer source = redis.start(RedisVersion.V6_2, RedisServerConfig.defaults().aclUser("mig on >pw ~* +@all -psync"));
        CheckResult r = result(validate("redis://mig:pw@127.0.0.1:" + source.port(), emptyTarget()), Check.SOURCE_SYNC_ALLOWED);
        assertThat(r.level()).as(r.message()).isEqualTo(CheckLevel.WARNING);
        assertThat(r.message()).contains("PSYNC is denied by ACL").contains("SYNC is allowed");
    }

    @Test
    void permissionUnknownWithoutAclDryrun() {
        RedisServer source = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().aclUser("mig on >pw ~* +@all -acl"));
        CheckResult r = result(validate("redis://mig:pw@127.0.0.1:" + source.port(), emptyTarget()), Check.SOURCE_SYNC_ALLOWED);
        assertThat(r.level()).isEqualTo(CheckLevel.WARNING);
        assertThat(r.message()).contains("Could not tell");
    }

    @Test
    void renamedSyncCommands() {
        RedisServer source = redis.start(RedisVersion.V2_8, RedisServerConfig.defaults()
                .renameCommand("PSYNC", "").renameCommand("SYNC", "hidden-sync"));
        CheckResult r = result(validate(source.uri(), emptyTarget()), Check.SOURCE_SYNC_ALLOWED);
        assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(r.message()).contains("renamed or disabled").contains("rename-command");

        RedisServer onlyPsync = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().renameCommand("PSYNC", ""));
        assertThat(result(validate(onlyPsync.uri(), emptyTarget()), Check.SOURCE_SYNC_ALLOWED).level()).isEqualTo(CheckLevel.WARNING);
    }

    @Test
    void targetTooSmallOrTight() {
        RedisServer source = redis.start();
        fillBig(source, 4000, 1024);
        long used;
        try (Jedis jedis = source.client()) {
            used = Long.parseLong(jedis.info("memory").lines().filter(l -> l.startsWith("used_memory:")).findFirst()
                    .orElseThrow().substring("used_memory:".length()).trim());
        }
        RedisServer small = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().set("maxmemory", Long.toString(used / 2)));
        CheckResult tooSmall = result(validate(source.uri(), small.uri()), Check.TARGET_MEMORY);
        assertThat(tooSmall.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(tooSmall.message()).contains("more than the target's maxmemory");

        RedisServer tight = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().set("maxmemory", Long.toString(used * 11 / 10)));
        assertThat(result(validate(source.uri(), tight.uri()), Check.TARGET_MEMORY).level()).isEqualTo(CheckLevel.WARNING);
    }

    @Test
    void streamsIntoA28Target() {
        RedisServer source = redis.start();
        fill(source, 0, 3000);
        try (Jedis jedis = source.client()) {
            jedis.sendCommand(Protocol.Command.XADD, "events", "*", "a", "1");
        }
        RedisServer target = redis.start(RedisVersion.V2_8);
        ValidationReport report = validate(source.uri(), target.uri());
        CheckResult types = result(report, Check.TARGET_DATA_TYPES);
        assertThat(types.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(types.message()).contains("holds streams").contains("2.8.19");
        assertThat(result(report, Check.TARGET_VERSION).level()).as("older than the engine's 5.0").isEqualTo(CheckLevel.ERROR);
        CheckResult lock = result(report, Check.TARGET_LOCKABLE);
        assertThat(lock.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(lock.message()).contains("cannot be locked").contains("--allow-unlocked-target");
        assertThat(report.lockStrategy()).isEqualTo(LockStrategy.NONE);
    }

    @Test
    void vectorSetsIntoA7Target() {
        RedisServer source = redis.start(RedisVersion.V8_0);
        try (Jedis jedis = source.client()) {
            jedis.sendCommand(() -> "VADD".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "embeddings", "VALUES", "2", "0.5", "1", "e1");
        }
        ValidationReport report = validate(source.uri(), emptyTarget());
        CheckResult types = result(report, Check.TARGET_DATA_TYPES);
        assertThat(types.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(types.message()).contains("vector sets").contains("7.0.15");
        assertThat(result(report, Check.TARGET_MODULES).level()).as("vectorset is built in, not a loaded module")
                .isEqualTo(CheckLevel.PASS);
    }

    @Test
    void targetUserThatMayNotManageAcl() {
        RedisServer target = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().aclUser("app on >pw ~* +@all -@admin"));
        CheckResult r = result(validate(emptySource(), "redis://app:pw@127.0.0.1:" + target.port()), Check.TARGET_LOCKABLE);
        assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
    }

    @Test
    void targetWithoutPassword() {
        RedisServer target = redis.start();
        assertThat(result(validate(emptySource(), target.uri()), Check.TARGET_PASSWORD).level()).isEqualTo(CheckLevel.WARNING);
        MigrationTask cloud = task(emptySource(), target.uri(), List.of()).toBuilder()
                .target(new TargetSpec(RedisUri.parse(target.uri()), "redis-prod-1")).build();
        CheckResult r = result(validateTask().validate(cloud), Check.TARGET_PASSWORD);
        assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(r.message()).contains("redis-prod-1").contains("never initialised");
    }

    @Test
    void anotherActiveTaskOnTheTarget() {
        RedisServer target = redis.start();
        TaskStore store = new LocalFileTaskStore(stateDir);
        Instant now = Instant.now();
        MigrationTask running = store.create(task(emptySource(), target.uri(), List.of()));
        store.update(running.moveTo(TaskStatus.VALIDATED, now).moveTo(TaskStatus.VALIDATING, now).moveTo(TaskStatus.SYNCING, now));

        CheckResult r = result(validate(emptySource(), target.uri()), Check.TASK_TARGET_FREE);
        assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(r.message()).contains(running.id()).contains("SYNCING");
    }

    @Test
    void badParameterValue() {
        MigrationTask task = task(emptySource(), emptyTarget(), List.of(ParameterSetting.requested("repl-backlog-size", "1kb"),
                ParameterSetting.requested("appendonly", "no")));
        CheckResult r = result(validateTask().validate(task), Check.TASK_PARAMETERS);
        assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(r.message()).contains("repl-backlog-size = 1kb is outside the allowed range (1.0 MiB to 16.0 GiB").contains("'appendonly' is not a parameter");
    }

    @Test
    void loadingSource() throws Exception {
        RedisServer source = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults()
                .set("enable-debug-command", "yes").set("key-load-delay", "1000")
                .set("loading-process-events-interval-bytes", "1024"));
        fill(source, 0, 2000);
        Thread reload = new Thread(() -> {
            try (Jedis jedis = new Jedis(source.host(), source.port(), 30_000)) {
                jedis.sendCommand(() -> "DEBUG".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "RELOAD");
            } catch (RuntimeException ignored) {
                // the test only needs the server busy loading
            }
        });
        reload.start();
        try {
            awaitLoading(source);
            CheckResult r = result(validate(source.uri(), emptyTarget()), Check.SOURCE_LOADING);
            assertThat(r.level()).as(r.message()).isEqualTo(CheckLevel.ERROR);
            assertThat(r.message()).contains("loading its dataset");
        } finally {
            reload.join(30_000);
        }
    }

    @Test
    void moduleMissingOnTheTarget() throws Exception {
        Path module = compileModule();
        RedisServer source = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().line("loadmodule " + module));
        CheckResult r = result(validate(source.uri(), emptyTarget()), Check.TARGET_MODULES);
        assertThat(r.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(r.message()).contains("probetest");
    }

    private ValidationReport validate(String sourceUri, String targetUri) {
        return validateTask().validate(task(sourceUri, targetUri, ParameterCatalogue.defaults()));
    }

    private ValidateTask validateTask() {
        return new ValidateTask(new JedisInstanceProbe(FAST), new LocalFileTaskStore(stateDir), new LocalCloudChecks(),
                new LocalSecretResolver(), Clock.systemUTC());
    }

    private static MigrationTask task(String sourceUri, String targetUri, List<ParameterSetting> parameters) {
        return MigrationTask.create("it", SourceSpec.of(RedisUri.parse(sourceUri)), TargetSpec.of(RedisUri.parse(targetUri)),
                null, parameters, Instant.now());
    }

    private String emptyTarget() {
        return redis.start().uri();
    }

    private String emptySource() {
        return redis.start().uri();
    }

    private static String withPassword(RedisServer server, String password) {
        return "redis://:" + password + "@127.0.0.1:" + server.port();
    }

    private static CheckResult result(ValidationReport report, Check check) {
        return report.results().stream().filter(r -> r.id().equals(check.id())).findFirst().orElseThrow();
    }

    private static void fill(RedisServer server, int db, int keys) {
        try (Jedis jedis = server.client()) {
            jedis.select(db);
            Pipeline pipeline = jedis.pipelined();
            for (int i = 0; i < keys; i++) {
                pipeline.set("key:" + i, "value-" + i);
            }
            pipeline.sync();
        }
    }

    private static void fillBig(RedisServer server, int keys, int valueBytes) {
        String value = "x".repeat(valueBytes);
        try (Jedis jedis = server.client()) {
            Pipeline pipeline = jedis.pipelined();
            for (int i = 0; i < keys; i++) {
                pipeline.set("big:" + i, value);
            }
            pipeline.sync();
        }
    }

    private static void awaitLoading(RedisServer server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Jedis jedis = new Jedis(server.host(), server.port(), 2000)) {
                if (jedis.info("persistence").contains("loading:1")) {
                    return;
                }
            } catch (RuntimeException e) {
                // LOADING replies while it starts; try again
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the server never started loading");
    }

    /** A module that only registers its name, built with the machine's C compiler (the test is skipped without one). */
    private Path compileModule() throws Exception {
        TestTiers.require(new ProcessBuilder("sh", "-c", "command -v cc").start().waitFor() == 0, "no C compiler (cc) to build the test module");
        Path source = stateDir.resolve("probetest.c");
        Files.writeString(source, """
                typedef struct RedisModuleCtx RedisModuleCtx;
                typedef struct RedisModuleString RedisModuleString;
                int RedisModule_OnLoad(RedisModuleCtx *ctx, RedisModuleString **argv, int argc) {
                    int (*getApi)(const char *, void *) = (int (*)(const char *, void *)) ((void **) ctx)[0];
                    void (*setAttribs)(RedisModuleCtx *, const char *, int, int);
                    if (getApi("RedisModule_SetModuleAttribs", (void *) &setAttribs) != 0) return 1;
                    setAttribs(ctx, "probetest", 1, 1);
                    return 0;
                }
                """);
        Path library = stateDir.resolve("probetest.so");
        Process cc = new ProcessBuilder("cc", "-shared", "-fPIC", "-o", library.toString(), source.toString())
                .redirectErrorStream(true).start();
        TestTiers.require(cc.waitFor(30, TimeUnit.SECONDS) && cc.exitValue() == 0, "the test module did not compile");
        return library;
    }
}
