package dev.redismigrate.aws.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.elasticache.ReplicationGroup;
import dev.redismigrate.core.elasticache.ReplicationGroup.AuthMode;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.lock.AclLockPlan;
import dev.redismigrate.core.lock.SyncUsers;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.validation.CheckLevel;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.CloudFindings;
import dev.redismigrate.core.validation.checks.OtherMigrationUsers;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import dev.redismigrate.testkit.elasticache.EmulatedElastiCache;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An ElastiCache target whose RBAC user group still holds the shard user of a migration that crashed before it
 * unlocked, validated with the user group and its users as the emulated ElastiCache API describes them: another task
 * is refused before anything changes, the crashed task itself validated again is not.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LeftoverMigrationUserIT {
    private static final Instant NOW = Instant.parse("2026-12-06T22:00:00Z");
    private static final SyncShard SHARD = new SyncShard("0-5460", "10.0.0.1:7000", "0-5460");

    @RegisterExtension
    final RedisServers redis = new RedisServers();
    private final EmulatedElastiCache elastiCache = new EmulatedElastiCache(Duration.ofMillis(300));

    @AfterEach
    void closeEmulation() {
        elastiCache.close();
    }

    @Test
    void aUserGroupHoldingACrashedMigrationsShardUserIsRefusedToAnotherTaskOnly() {
        MigrationTask crashed = task();
        MigrationTask next = task();
        String leftover = SyncUsers.of(AclLockPlan.migrationUser(crashed.id()), SHARD);
        elastiCache.addUser("app-default", "default", "default-password", "on ~* +@all");
        elastiCache.addUser(leftover, leftover, "migration-password", "on ~* +@all");
        elastiCache.addUserGroup("ug", List.of("app-default", leftover));
        elastiCache.defineSecurityGroup("sg-open", Set.of(EmulatedElastiCache.ANYWHERE));
        ReplicationGroup group = elastiCache.addReplicationGroup("rg", redis.start(RedisVersion.V7_0), AuthMode.RBAC,
                null, List.of("sg-open"));
        elastiCache.attachUserGroup("rg", "ug");

        CheckResult refused = validate(next, group);
        CheckResult own = validate(crashed, group);

        assertThat(refused.level()).as(refused.message()).isEqualTo(CheckLevel.ERROR);
        assertThat(refused.message()).startsWith("User group ug holds user " + leftover + " of migration task "
                + crashed.id()).contains("redis-migrate unlock " + crashed.id());
        assertThat(own.level()).as(own.message()).isEqualTo(CheckLevel.PASS);
        assertThat(elastiCache.calls()).as("nothing changed").doesNotContain("ModifyUser", "ModifyUserGroup",
                "DeleteUser");
    }

    /** The check over what the cloud found: a managed target is judged from the API alone. */
    private CheckResult validate(MigrationTask task, ReplicationGroup group) {
        MigrationTask onGroup = task.toBuilder().target(new TargetSpec(new RedisEndpoint(group.endpointHost(),
                group.endpointPort(), false, null, null), group.id())).build();
        CloudFindings findings = new AwsCloudChecks(id -> Optional.empty(), elastiCache, Optional::of,
                new FenceSecurityGroups(List.of()), EmulatedElastiCache.REGION).check(onGroup);
        assertThat(findings.managedTarget()).as(findings.results().toString()).isNotNull();
        return OtherMigrationUsers.check(onGroup, null, findings.managedTarget()); // the probe's facts do not count
    }

    private static MigrationTask task() {
        return MigrationTask.create("orders", SourceSpec.of(RedisEndpoint.of("10.0.0.1", 6379)),
                TargetSpec.of(RedisEndpoint.of("10.0.0.2", 6379)), null, List.of(), NOW);
    }
}
