package dev.redismigrate.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.elasticache.CacheUser;
import dev.redismigrate.core.elasticache.ManagedTarget;
import dev.redismigrate.core.elasticache.ReplicationGroup;
import dev.redismigrate.core.elasticache.UserGroup;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.lock.AclLockPlan;
import dev.redismigrate.core.lock.LockStrategy;
import dev.redismigrate.core.params.ParameterCatalogue;
import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.task.AclLockRecord;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.ParameterSetting;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.validation.InstanceFacts.AclSupport;
import dev.redismigrate.core.validation.InstanceFacts.CommandAccess;
import dev.redismigrate.core.validation.checks.LockChecks;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidationCatalogueTest {
    private static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");
    private static final MigrationTask TASK = task(TargetSpec.of(RedisEndpoint.of("10.0.0.2", 6379)), null,
            ParameterCatalogue.defaults());

    private FactsBuilder source = FactsBuilder.source();
    private FactsBuilder target = FactsBuilder.target();
    private MigrationTask task = TASK;
    private List<MigrationTask> stored = List.of();
    private String identity = "10.0.0.2:6379";
    private ManagedTarget managed;

    @Test
    void healthyPairPassesEveryLocalCheck() {
        List<CheckResult> results = run();
        assertThat(results).extracting(CheckResult::id).containsExactly(Arrays.stream(Check.values())
                .filter(c -> !c.id().startsWith("cloud.")).map(Check::id).toArray(String[]::new));
        assertThat(results).allSatisfy(r -> assertThat(r.level()).as(r.id() + ": " + r.message()).isEqualTo(CheckLevel.PASS));
    }

    @Test
    void aUserLeftByAnotherMigrationIsAnErrorBeforeTheLockRefusesIt() {
        target.migrationUsers("redis-migrate-k3xq7m2p9c4a", "redis-migrate-k3xq7m2p9c4a-0-5460");

        CheckResult other = result(run(), Check.TARGET_NO_OTHER_MIGRATION);

        assertThat(other.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(other.message()).isEqualTo("The target holds users redis-migrate-k3xq7m2p9c4a,"
                + " redis-migrate-k3xq7m2p9c4a-0-5460 of migration task k3xq7m2p9c4a, left by a task that crashed before"
                + " it unlocked the target, or still running. The lock refuses a target holding another migration's"
                + " user, so this migration would stop at its Lock step. If that task is over, unlock it (redis-migrate"
                + " unlock k3xq7m2p9c4a; in the cloud redis-migrate task unlock k3xq7m2p9c4a), or, if it no longer"
                + " exists, remove the users with ACL DELUSER redis-migrate-k3xq7m2p9c4a"
                + " redis-migrate-k3xq7m2p9c4a-0-5460 on every node holding it; then validate again.");
    }

    @Test
    void theUsersOfTheTaskValidatedAgainAreItsOwn() {
        String own = AclLockPlan.migrationUser(task.id());
        target.migrationUsers(own, own + "-0-5460");

        assertThat(level(Check.TARGET_NO_OTHER_MIGRATION)).isEqualTo(CheckLevel.PASS);
    }

    @Test
    void aTargetWhoseUsersCannotBeListedIsNotChecked() {
        target.migrationUsers = null;

        assertThat(level(Check.TARGET_NO_OTHER_MIGRATION)).isEqualTo(CheckLevel.SKIPPED);
    }

    @Test
    void aUserGroupHoldingAnotherMigrationsUserIsAnError() {
        managed = rbac(List.of(user("app", "orders-users"), user("redis-migrate-k3xq7m2p9c4a", "orders-users"),
                user(AclLockPlan.migrationUser(task.id()), "orders-users")));

        CheckResult other = result(run(), Check.TARGET_NO_OTHER_MIGRATION);

        assertThat(other.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(other.message()).startsWith("User group orders-users holds user redis-migrate-k3xq7m2p9c4a of"
                + " migration task k3xq7m2p9c4a").contains("remove the user from user group orders-users and delete it");
    }

    @Test
    void unreachableSourceErrsOnceAndSkipsWhatDependsOnIt() {
        source.reachability(Reachability.REFUSED, "connection to 10.0.0.1:6379 refused");
        List<CheckResult> results = run();
        assertThat(result(results, Check.SOURCE_REACHABLE).level()).isEqualTo(CheckLevel.ERROR);
        assertThat(result(results, Check.SOURCE_REACHABLE).message())
                .startsWith("Connection to 10.0.0.1:6379 refused.").contains("Check that redis-server runs");
        assertThat(results.stream().filter(r -> r.level() == CheckLevel.ERROR)).hasSize(1);
        assertThat(result(results, Check.SOURCE_VERSION).level()).isEqualTo(CheckLevel.SKIPPED);
        assertThat(result(results, Check.SOURCE_VERSION).message()).contains("see source.reachable");
        assertThat(result(results, Check.TARGET_EMPTY).level()).isEqualTo(CheckLevel.PASS);
    }

    @Test
    void eachReachabilityHasItsOwnAdvice() {
        assertThat(levelAndMessage(Check.SOURCE_REACHABLE, Reachability.TIMEOUT)).contains("security group");
        assertThat(levelAndMessage(Check.SOURCE_REACHABLE, Reachability.DNS)).contains("host name");
        assertThat(levelAndMessage(Check.SOURCE_REACHABLE, Reachability.TLS)).contains("redis:// instead of rediss://");
        assertThat(levelAndMessage(Check.SOURCE_SPEAKS_REDIS, Reachability.NOT_REDIS)).contains("6379");
        assertThat(levelAndMessage(Check.SOURCE_AUTH, Reachability.AUTH_REQUIRED)).contains("requires a password");
        assertThat(levelAndMessage(Check.SOURCE_AUTH, Reachability.AUTH_FAILED)).contains("refused the password");
        assertThat(levelAndMessage(Check.SOURCE_AUTH, Reachability.PASSWORD_UNAVAILABLE)).contains("readable");
        assertThat(levelAndMessage(Check.SOURCE_AUTH, Reachability.REJECTED)).contains("protected mode");
    }

    @Test
    void passwordUnavailableIsAnAuthErrorNotANetworkOne() {
        source.reachability(Reachability.PASSWORD_UNAVAILABLE, "environment variable X is not set");
        List<CheckResult> results = run();
        assertThat(result(results, Check.SOURCE_REACHABLE).level()).isEqualTo(CheckLevel.SKIPPED);
        assertThat(result(results, Check.SOURCE_AUTH).level()).isEqualTo(CheckLevel.ERROR);
        assertThat(result(results, Check.SOURCE_ROLE).message()).contains("see source.auth");
    }

    @Test
    void sameRunIdIsOneServer() {
        target.runId("source-run-id");
        assertThat(level(Check.DISTINCT_INSTANCES)).isEqualTo(CheckLevel.ERROR);
    }

    @Test
    void sourceVersions() {
        source.version(2, 6, 17);
        assertThat(level(Check.SOURCE_VERSION)).isEqualTo(CheckLevel.ERROR);
        source.version(3, 2, 12);
        assertThat(message(Check.SOURCE_VERSION)).contains("supported");
        assertThat(level(Check.SOURCE_VERSION)).isEqualTo(CheckLevel.PASS);
        source.version(2, 8, 19);
        assertThat(level(Check.SOURCE_VERSION)).isEqualTo(CheckLevel.PASS);
    }

    @Test
    void olderTargetWarns() {
        target.version(6, 2, 6);
        assertThat(level(Check.TARGET_VERSION)).isEqualTo(CheckLevel.WARNING);
        target.version(7, 0, 2);
        assertThat(level(Check.TARGET_VERSION)).isEqualTo(CheckLevel.PASS);
    }

    @Test
    void dataTypesTheTargetCannotHold() {
        source.dataTypes(true, false, false, 0);
        target.version(2, 8, 19);
        assertThat(level(Check.TARGET_DATA_TYPES)).isEqualTo(CheckLevel.ERROR);
        target.version(5, 0, 0);
        assertThat(level(Check.TARGET_DATA_TYPES)).isEqualTo(CheckLevel.PASS);

        source.dataTypes(false, false, true, 3);
        target.version(7, 2, 0);
        assertThat(message(Check.TARGET_DATA_TYPES)).contains("3 hash(es) with field TTLs");
        assertThat(level(Check.TARGET_DATA_TYPES)).isEqualTo(CheckLevel.ERROR);
        target.version(7, 4, 0);
        assertThat(level(Check.TARGET_DATA_TYPES)).isEqualTo(CheckLevel.PASS);

        source.dataTypes(false, true, false, 0);
        assertThat(message(Check.TARGET_DATA_TYPES)).contains("vector sets").contains("8.0+");
        assertThat(level(Check.TARGET_DATA_TYPES)).isEqualTo(CheckLevel.ERROR);
    }

    @Test
    void incompleteStreamScanWarnsOnlyWhenItMatters() {
        source.dataTypes(false, false, false, 0);
        target.version(4, 0, 14);
        assertThat(level(Check.TARGET_DATA_TYPES)).isEqualTo(CheckLevel.WARNING);
        assertThat(message(Check.TARGET_DATA_TYPES)).contains("stream keys").doesNotContain("vectorset");
        source.version(4, 0, 14);
        assertThat(level(Check.TARGET_DATA_TYPES)).isEqualTo(CheckLevel.PASS);
        source.version(8, 0, 2);
        target.version(7, 2, 4);
        assertThat(message(Check.TARGET_DATA_TYPES)).contains("vectorset keys");
        target.version(8, 0, 0);
        assertThat(level(Check.TARGET_DATA_TYPES)).isEqualTo(CheckLevel.PASS);
    }

    @Test
    void syncPermission() {
        source.sync(CommandAccess.DENIED, CommandAccess.DENIED);
        assertThat(level(Check.SOURCE_SYNC_ALLOWED)).isEqualTo(CheckLevel.ERROR);
        assertThat(message(Check.SOURCE_SYNC_ALLOWED)).contains("ACL SETUSER mig +psync +sync");
        source.sync(CommandAccess.RENAMED, CommandAccess.RENAMED);
        assertThat(message(Check.SOURCE_SYNC_ALLOWED)).contains("rename-command");
        source.sync(CommandAccess.RENAMED, CommandAccess.ALLOWED);
        assertThat(level(Check.SOURCE_SYNC_ALLOWED)).isEqualTo(CheckLevel.WARNING);
        source.sync(CommandAccess.UNKNOWN, CommandAccess.UNKNOWN);
        assertThat(level(Check.SOURCE_SYNC_ALLOWED)).isEqualTo(CheckLevel.WARNING);
    }

    @Test
    void loadingSource() {
        source.loading(true);
        assertThat(level(Check.SOURCE_LOADING)).isEqualTo(CheckLevel.ERROR);
    }

    @Test
    void roles() {
        target.role(new InstanceFacts.Role(true, "10.0.0.9:6379", true, true));
        assertThat(level(Check.TARGET_ROLE)).isEqualTo(CheckLevel.ERROR);
        assertThat(message(Check.TARGET_ROLE)).contains("read-only replica of 10.0.0.9:6379");
        source.role(new InstanceFacts.Role(true, "10.0.0.9:6379", true, true));
        assertThat(level(Check.SOURCE_ROLE)).isEqualTo(CheckLevel.PASS);
        source.role(new InstanceFacts.Role(true, "10.0.0.9:6379", false, true));
        assertThat(level(Check.SOURCE_ROLE)).isEqualTo(CheckLevel.ERROR);
    }

    @Test
    void aSideThatDidNotTellItsClusterModeIsNotChecked() {
        target.cluster(null);
        assertThat(level(Check.TARGET_TOPOLOGY)).isEqualTo(CheckLevel.SKIPPED);
        source.reachability(Reachability.REFUSED, "refused");
        assertThat(message(Check.SOURCE_TOPOLOGY)).contains("see source.reachable");
    }

    @Test
    void nonEmptyTargetNamesEveryDatabase() {
        target.keyspace(Map.of(0, new DbKeyCount(12, 0), 3, new DbKeyCount(1, 1)));
        assertThat(level(Check.TARGET_EMPTY)).isEqualTo(CheckLevel.ERROR);
        assertThat(message(Check.TARGET_EMPTY)).isEqualTo("Target db0 holds 12 keys, db3 holds 1 key. The target must"
                + " be empty so nothing is overwritten. Use an empty instance or FLUSHALL it first.");
    }

    @Test
    void targetWithoutPasswordIsAnErrorOnlyForACloudInstance() {
        target.passwordRequired(false);
        assertThat(level(Check.TARGET_PASSWORD)).isEqualTo(CheckLevel.WARNING);
        task = task(new TargetSpec(RedisEndpoint.of("10.0.0.2", 6379), "redis-prod-1"), null, List.of());
        assertThat(level(Check.TARGET_PASSWORD)).isEqualTo(CheckLevel.ERROR);
        assertThat(message(Check.TARGET_PASSWORD)).contains("redis-prod-1");
    }

    @Test
    void memoryFitAndHeadroom() {
        source.memory(900L, 0L, "noeviction");
        target.memory(1_000L, 1_000L, "noeviction");
        assertThat(level(Check.TARGET_MEMORY)).isEqualTo(CheckLevel.WARNING);
        source.memory(1_100L, 0L, "noeviction");
        assertThat(level(Check.TARGET_MEMORY)).isEqualTo(CheckLevel.ERROR);
        source.memory(700L, 0L, "noeviction");
        assertThat(level(Check.TARGET_MEMORY)).isEqualTo(CheckLevel.PASS);
        target.memory(1_000L, 0L, "noeviction");
        source.memory(5_000_000_000L, 0L, "noeviction");
        assertThat(level(Check.TARGET_MEMORY)).isEqualTo(CheckLevel.PASS);
        target.memory(1_000L, null, null);
        assertThat(level(Check.TARGET_MEMORY)).isEqualTo(CheckLevel.WARNING);
    }

    @Test
    void evictionPolicy() {
        target.memory(1_000L, 1_000_000L, "allkeys-lru");
        assertThat(level(Check.TARGET_EVICTION)).isEqualTo(CheckLevel.WARNING);
        target.memory(1_000L, null, "allkeys-lru");
        assertThat(level(Check.TARGET_EVICTION)).isEqualTo(CheckLevel.WARNING);
        target.memory(1_000L, 0L, "allkeys-lru");
        assertThat(level(Check.TARGET_EVICTION)).as("no limit, no eviction").isEqualTo(CheckLevel.PASS);
    }

    @Test
    void databases() {
        source.keyspace(Map.of(5, new DbKeyCount(1, 0)));
        target.databases(1);
        assertThat(level(Check.TARGET_DATABASES)).isEqualTo(CheckLevel.ERROR);
        assertThat(message(Check.TARGET_DATABASES)).contains("db5").contains("at least 6");
        target.databases(8);
        assertThat(level(Check.TARGET_DATABASES)).isEqualTo(CheckLevel.WARNING);
        target.databases(16);
        assertThat(level(Check.TARGET_DATABASES)).isEqualTo(CheckLevel.PASS);
        target.databases(null);
        assertThat(level(Check.TARGET_DATABASES)).isEqualTo(CheckLevel.WARNING);
    }

    @Test
    void modules() {
        source.modules(List.of("search", "ReJSON"));
        target.modules(List.of("search"));
        assertThat(level(Check.TARGET_MODULES)).isEqualTo(CheckLevel.ERROR);
        assertThat(message(Check.TARGET_MODULES)).contains("ReJSON").doesNotContain("search,");
        target.modules(List.of("ReJSON", "search"));
        assertThat(level(Check.TARGET_MODULES)).isEqualTo(CheckLevel.PASS);
        target.modules(null);
        assertThat(level(Check.TARGET_MODULES)).isEqualTo(CheckLevel.WARNING);
    }

    @Test
    void aSelfManagedTargetIsLockedWithAclWhenAThrowawayUserCouldBeCreated() {
        assertThat(decision().strategy()).isEqualTo(LockStrategy.ACL);
        assertThat(message(Check.TARGET_LOCKABLE)).startsWith("Strategy acl").contains("reads keep working");
    }

    @Test
    void aTargetNothingCanLockIsAnErrorUnlessTheUserAcceptsIt() {
        target.acl(AclSupport.NONE).version(6, 0, 0).acl(AclSupport.NONE);
        assertThat(decision().strategy()).isEqualTo(LockStrategy.NONE);
        assertThat(level(Check.TARGET_LOCKABLE)).isEqualTo(CheckLevel.ERROR);
        assertThat(message(Check.TARGET_LOCKABLE)).contains("--allow-unlocked-target");
        target.acl(AclSupport.DENIED).version(7, 0, 0);
        assertThat(message(Check.TARGET_LOCKABLE)).contains("+acl").contains("ElastiCache refuses ACL SETUSER")
                .contains("--target-instance-id");

        task = task(new TargetSpec(TASK.target().endpoint(), null, true, false), null, List.of());
        assertThat(level(Check.TARGET_LOCKABLE)).isEqualTo(CheckLevel.WARNING);
        assertThat(message(Check.TARGET_LOCKABLE)).startsWith("Strategy none").contains("recorded in the task");
    }

    @Test
    void anElastiCacheEndpointWithoutItsIdIsToldToNameTheReplicationGroup() {
        task = task(TargetSpec.of(RedisEndpoint.of("master.orders.abc123.use1.cache.amazonaws.com", 6379)), null, List.of());
        target.acl(AclSupport.DENIED);
        assertThat(message(Check.TARGET_LOCKABLE)).contains("(or at least +acl). This looks like an ElastiCache endpoint")
                .contains("--target-instance-id");
    }

    @Test
    void anElastiCacheTargetWithAUserGroupIsLockedThroughRbac() {
        managed = rbac(List.of(user("app", "orders-users"), user("orders-default", "orders-users")));
        assertThat(decision().strategy()).isEqualTo(LockStrategy.ELASTICACHE_RBAC);
        assertThat(level(Check.TARGET_LOCKABLE)).isEqualTo(CheckLevel.PASS);
        assertThat(message(Check.TARGET_LOCKABLE)).contains("orders-users").contains("app, orders-default")
                .contains("read-only");
    }

    @Test
    void elastiCachesOwnDefaultUserCannotBeMadeReadOnlySoItIsRefusedBeforeTheLock() {
        managed = rbac(List.of(user("default", "orders-users"), user("app", "orders-users")));
        assertThat(level(Check.TARGET_LOCKABLE)).isEqualTo(CheckLevel.ERROR);
        assertThat(message(Check.TARGET_LOCKABLE)).contains("built-in user 'default'").contains("'off ~* +@all'");
    }

    @Test
    void usersSharedWithOtherUserGroupsAreRefusedUnlessAccepted() {
        managed = rbac(List.of(user("app", "orders-users", "billing-users"), user("orders-default", "orders-users")));
        assertThat(level(Check.TARGET_LOCKABLE)).isEqualTo(CheckLevel.ERROR);
        assertThat(message(Check.TARGET_LOCKABLE)).contains("app (also in billing-users)").contains("--allow-shared-user-lock");

        task = task(new TargetSpec(TASK.target().endpoint(), "orders", false, true), null, List.of());
        assertThat(level(Check.TARGET_LOCKABLE)).isEqualTo(CheckLevel.WARNING);
        assertThat(decision().strategy()).isEqualTo(LockStrategy.ELASTICACHE_RBAC);
    }

    @Test
    void anElastiCacheTargetWithAnAuthTokenIsFencedWhenTheStackHasAFenceGroup() {
        managed = new ManagedTarget(group(ReplicationGroup.AuthMode.AUTH_TOKEN), null, List.of(), true);
        assertThat(decision().strategy()).isEqualTo(LockStrategy.NETWORK_FENCE);
        assertThat(message(Check.TARGET_LOCKABLE)).contains("sg-app").contains("reads are blocked too");

        managed = new ManagedTarget(group(ReplicationGroup.AuthMode.NONE), null, List.of(), false);
        assertThat(decision().strategy()).isEqualTo(LockStrategy.NONE);
        assertThat(level(Check.TARGET_LOCKABLE)).isEqualTo(CheckLevel.ERROR);
        assertThat(message(Check.TARGET_LOCKABLE)).contains("fence security group");
    }

    @Test
    void aTargetOlderThanFiveIsAnError() {
        target.version(4, 0, 14);
        assertThat(level(Check.TARGET_VERSION)).isEqualTo(CheckLevel.ERROR);
        assertThat(message(Check.TARGET_VERSION)).contains("5.0");
        source.reachability(Reachability.REFUSED, "refused");
        assertThat(level(Check.TARGET_VERSION)).as("known without the source").isEqualTo(CheckLevel.ERROR);
    }

    @Test
    void aFinishedTaskWhoseUnlockFailedStillHoldsTheTarget() {
        MigrationTask failed = task(TASK.target(), null, List.of()).moveTo(TaskStatus.VALIDATED, NOW)
                .moveTo(TaskStatus.VALIDATING, NOW).moveTo(TaskStatus.SYNCING, NOW)
                .failed("source gone", NOW)
                .withLock(new AclLockRecord("redis-migrate-x", List.of("user default on nopass ~* &* +@all"), NOW), NOW)
                .withUnlockFailure("cannot reach target redis://10.0.0.2:6379: Connection refused", NOW);
        stored = List.of(failed);
        assertThat(level(Check.TASK_TARGET_FREE)).isEqualTo(CheckLevel.ERROR);
        assertThat(message(Check.TASK_TARGET_FREE)).contains("still holds its lock")
                .contains("its unlock failed: cannot reach target").contains("redis-migrate unlock " + failed.id());

        stored = List.of(failed.withLock(null, NOW).withUnlockFailure(null, NOW));
        assertThat(level(Check.TASK_TARGET_FREE)).isEqualTo(CheckLevel.PASS);
    }

    @Test
    void anotherSpellingOfTheSameTargetIsTheSameTarget() {
        MigrationTask other = task(TargetSpec.of(RedisEndpoint.of("localhost", 6379)), null, List.of());
        ValidationReport validated = new ValidationReport(NOW, List.of(), LockStrategy.ACL, "10.0.0.2:6379");
        MigrationTask syncing = other.withValidation(validated, NOW).moveTo(TaskStatus.VALIDATED, NOW)
                .moveTo(TaskStatus.VALIDATING, NOW).moveTo(TaskStatus.SYNCING, NOW);
        stored = List.of(syncing);
        assertThat(level(Check.TASK_TARGET_FREE)).isEqualTo(CheckLevel.ERROR);
        assertThat(message(Check.TASK_TARGET_FREE)).contains(syncing.id());
        identity = "10.0.0.9:6379";
        assertThat(level(Check.TASK_TARGET_FREE)).isEqualTo(CheckLevel.PASS);
    }

    @Test
    void activeTaskOnTheSameTargetOnly() {
        MigrationTask other = task(TargetSpec.of(RedisEndpoint.of("10.0.0.2", 6379)), null, List.of());
        MigrationTask syncing = other.toBuilder().build().moveTo(TaskStatus.VALIDATED, NOW)
                .moveTo(TaskStatus.VALIDATING, NOW).moveTo(TaskStatus.SYNCING, NOW);
        stored = List.of(syncing, task);
        assertThat(level(Check.TASK_TARGET_FREE)).isEqualTo(CheckLevel.ERROR);
        assertThat(message(Check.TASK_TARGET_FREE)).contains(syncing.id()).contains("SYNCING");

        stored = List.of(other, task);
        assertThat(level(Check.TASK_TARGET_FREE)).isEqualTo(CheckLevel.PASS);
        stored = List.of(task.moveTo(TaskStatus.VALIDATED, NOW).moveTo(TaskStatus.SCHEDULED, NOW));
        assertThat(level(Check.TASK_TARGET_FREE)).as("the task itself").isEqualTo(CheckLevel.PASS);
        stored = null;
        assertThat(level(Check.TASK_TARGET_FREE)).isEqualTo(CheckLevel.WARNING);
    }

    @Test
    void parametersOutOfRangeOrUnknown() {
        task = task(TASK.target(), null, List.of(ParameterSetting.requested("repl-backlog-size", "10kb")));
        assertThat(level(Check.TASK_PARAMETERS)).isEqualTo(CheckLevel.ERROR);
        task = task(TASK.target(), null, List.of(ParameterSetting.requested("maxmemory", "1gb")));
        assertThat(message(Check.TASK_PARAMETERS)).contains("'maxmemory' is not a parameter the migration sets");
        task = task(TASK.target(), null, List.of(ParameterSetting.requested("repl-timeout", "300"),
                ParameterSetting.requested("REPL-TIMEOUT", "400")));
        assertThat(message(Check.TASK_PARAMETERS)).contains("given twice");
        task = task(TASK.target(), null, List.of(ParameterSetting.requested("client-output-buffer-limit", "replica 0 0 0")));
        assertThat(level(Check.TASK_PARAMETERS)).isEqualTo(CheckLevel.WARNING);
    }

    @Test
    void schedule() {
        task = task(TASK.target(), NOW.minusSeconds(60), List.of());
        assertThat(level(Check.TASK_SCHEDULE)).isEqualTo(CheckLevel.WARNING);
        task = task(TASK.target(), NOW.plusSeconds(7200), List.of());
        assertThat(message(Check.TASK_SCHEDULE)).contains("in 2 h 0 min");
    }

    private List<CheckResult> run() {
        return ValidationCatalogue.evaluate(inputs());
    }

    private LockChecks.LockDecision decision() {
        return ValidationCatalogue.lockDecision(inputs());
    }

    private ValidationInputs inputs() {
        return new ValidationInputs(task, source.build(), target.build(), stored,
                stored == null ? "disk on fire" : null, NOW, identity, managed);
    }

    private static ReplicationGroup group(ReplicationGroup.AuthMode auth) {
        return new ReplicationGroup("orders", "available", false, "master.orders.cache.amazonaws.com", 6379, true,
                auth, auth == ReplicationGroup.AuthMode.RBAC ? List.of("orders-users") : List.of(), "redis", "7.1.0",
                List.of("sg-app"), "arn:aws:elasticache:us-east-1:123456789012:replicationgroup:orders",
                List.of("0001"));
    }

    private static ManagedTarget rbac(List<CacheUser> users) {
        return new ManagedTarget(group(ReplicationGroup.AuthMode.RBAC), new UserGroup("orders-users", "active",
                users.stream().map(CacheUser::userId).toList(), List.of("orders")), users, false);
    }

    private static CacheUser user(String id, String... groups) {
        return new CacheUser(id, id, "active", "on ~* +@all", List.of(groups), "redis");
    }

    private CheckLevel level(Check check) {
        return result(run(), check).level();
    }

    private String message(Check check) {
        return result(run(), check).message();
    }

    private String levelAndMessage(Check check, Reachability reachability) {
        source = FactsBuilder.source().reachability(reachability, "what the probe saw");
        CheckResult r = result(run(), check);
        assertThat(r.level()).as(reachability + " -> " + check.id()).isEqualTo(CheckLevel.ERROR);
        return r.message();
    }

    private static CheckResult result(List<CheckResult> results, Check check) {
        return results.stream().filter(r -> r.id().equals(check.id())).findFirst().orElseThrow();
    }

    private static MigrationTask task(TargetSpec target, Instant start, List<ParameterSetting> parameters) {
        return MigrationTask.create("t", SourceSpec.of(RedisEndpoint.of("10.0.0.1", 6379)), target, start, parameters, NOW);
    }
}
