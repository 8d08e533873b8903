package dev.redismigrate.aws.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.elasticache.CacheUser;
import dev.redismigrate.core.elasticache.ElastiCacheException;
import dev.redismigrate.core.elasticache.ManagedTarget;
import dev.redismigrate.core.elasticache.ReplicationGroup;
import dev.redismigrate.core.elasticache.ReplicationGroup.AuthMode;
import dev.redismigrate.core.elasticache.UserGroup;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.validation.Check;
import dev.redismigrate.core.validation.CheckLevel;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.CloudFindings;
import dev.redismigrate.core.validation.InstanceFacts;
import dev.redismigrate.core.validation.Reachability;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AwsCloudChecksTest {
    private static final String PRIMARY = "master.orders-cache.abc123.euw1.cache.amazonaws.com";
    private static final String CONFIGURATION = "clustercfg.sharded.abc123.euw1.cache.amazonaws.com";
    private static final RedisEndpoint SOURCE = RedisEndpoint.of("10.0.1.25", 6379);
    private static final RedisEndpoint TARGET = new RedisEndpoint(PRIMARY, 6379, true, null, null);

    private final Map<String, Ec2Instances.Instance> instances = new HashMap<>();
    private final DescribedElastiCache elastiCache = new DescribedElastiCache();
    private final Map<String, String> dns = new HashMap<>();
    private FenceSecurityGroups fence = new FenceSecurityGroups(List.of("sg-fence"));
    private boolean ec2Refuses;

    private AwsCloudChecks checks() {
        return new AwsCloudChecks(this::instance, elastiCache, this::resolve, fence, "eu-west-1");
    }

    private Optional<Ec2Instances.Instance> instance(String id) {
        if (ec2Refuses) {
            throw new CloudLookupException("EC2 DescribeInstances failed: UnauthorizedOperation", null);
        }
        return Optional.ofNullable(instances.get(id));
    }

    /** An IP resolves to itself, a name as the test's DNS says. */
    private Optional<String> resolve(String host) {
        return host.matches("[0-9.]+") ? Optional.of(host) : Optional.ofNullable(dns.get(host));
    }

    @Test
    void aClusterSourceOfMorePrimariesThanTheRunSyncMapRunsAtOnceIsAnError() {
        assertThat(checks().sourceShards(clusterSource(40)).level()).isEqualTo(CheckLevel.PASS);

        CheckResult tooMany = checks().sourceShards(clusterSource(41));

        assertThat(tooMany.id()).isEqualTo(Check.CLOUD_SOURCE_SHARDS.id());
        assertThat(tooMany.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(tooMany.message()).contains("41 primaries", "at most 40 sync containers");
    }

    /** A cluster source's facts as the probe tells them: its primaries' slot ranges (nothing else matters here). */
    private static InstanceFacts clusterSource(int primaries) {
        Map<String, String> slots = new LinkedHashMap<>();
        for (int i = 0; i < primaries; i++) {
            slots.put("10.0.1." + i + ":7000", (16384 * i / primaries) + "-" + (16384 * (i + 1) / primaries - 1));
        }
        return new InstanceFacts(Reachability.REACHABLE, null, false, null, null, null, false, null, null, null, null,
                null, null, null, new InstanceFacts.ClusterMode(true, "ok", primaries, Map.of(), slots), null);
    }

    private static ReplicationGroup group(String id, String status, AuthMode auth, List<String> userGroups) {
        return new ReplicationGroup(id, status, false, PRIMARY, 6379, true, auth, userGroups, "valkey", "8.0.1",
                List.of("sg-app"), "arn:aws:elasticache:eu-west-1:123456789012:replicationgroup:" + id,
                List.of("0001"));
    }

    private static ReplicationGroup available(String id) {
        return group(id, "available", AuthMode.AUTH_TOKEN, List.of());
    }

    private static MigrationTask task(SourceSpec source, TargetSpec target) {
        return MigrationTask.create("orders", source, target, null, List.of(), Instant.EPOCH);
    }

    private CloudFindings check(SourceSpec source, TargetSpec target) {
        return checks().check(task(source, target));
    }

    private CheckResult result(SourceSpec source, TargetSpec target, Check check) {
        return check(source, target).results().stream().filter(r -> r.id().equals(check.id())).findFirst().orElseThrow();
    }

    private CheckResult sourceResult(SourceSpec source, Check check) {
        return result(source, TargetSpec.of(RedisEndpoint.of("10.0.3.3", 6379)), check);
    }

    private CheckResult targetResult(TargetSpec target, Check check) {
        return result(SourceSpec.of(SOURCE), target, check);
    }

    private static SourceSpec vm(String instanceId, String ip) {
        return new SourceSpec(SOURCE, instanceId, ip);
    }

    private void runningVm(String... ips) {
        instances.put("i-1", new Ec2Instances.Instance("i-1", "running", "eu-west-1b", List.of(ips)));
    }

    @Test
    void theTaskGetsTheFourCloudChecksInThePortsOrderAndTheManagedTarget() {
        runningVm("10.0.1.25");
        elastiCache.groups.put("orders-cache", available("orders-cache"));
        CloudFindings findings = check(vm("i-1", "10.0.1.25"), new TargetSpec(TARGET, "orders-cache"));
        assertThat(findings.results()).extracting(CheckResult::id).containsExactly(Check.CLOUD_SOURCE_VM_RUNNING.id(),
                Check.CLOUD_SOURCE_PRIVATE_IP.id(), Check.CLOUD_SAME_REGION.id(), Check.CLOUD_TARGET_AVAILABLE.id());
        assertThat(findings.results()).extracting(CheckResult::level).containsOnly(CheckLevel.PASS);
        assertThat(findings.managedTarget()).isEqualTo(new ManagedTarget(available("orders-cache"), null, List.of(), true));
        assertThat(findings.results().get(3).message()).contains("valkey 8.0.1", PRIMARY + ":6379 (TLS)", "AUTH token");
    }

    @Test
    void aStoppedVmIsAnErrorThatSaysWhatToDo() {
        instances.put("i-1", new Ec2Instances.Instance("i-1", "stopped", "eu-west-1b", List.of("10.0.1.25")));
        CheckResult running = sourceResult(vm("i-1", "10.0.1.25"), Check.CLOUD_SOURCE_VM_RUNNING);
        assertThat(running.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(running.message()).contains("is stopped").contains("Start the instance");
    }

    @Test
    void anIpOfAnotherMachineIsAnErrorListingTheVmsIps() {
        runningVm("10.0.1.25", "10.0.2.40");
        CheckResult ip = sourceResult(new SourceSpec(RedisEndpoint.of("10.0.9.9", 6379), "i-1", "10.0.9.9"),
                Check.CLOUD_SOURCE_PRIVATE_IP);
        assertThat(ip.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(ip.message()).contains("10.0.9.9 is not a private IP of instance i-1").contains("10.0.1.25, 10.0.2.40");
    }

    @Test
    void theSourceHostMustResolveToTheGivenPrivateIp() {
        runningVm("10.0.1.25", "10.0.2.40");
        dns.put("redis.internal", "10.0.2.40");
        SourceSpec source = new SourceSpec(RedisEndpoint.of("redis.internal", 6379), "i-1", "10.0.1.25");
        CheckResult ip = sourceResult(source, Check.CLOUD_SOURCE_PRIVATE_IP);
        assertThat(ip.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(ip.message()).contains("redis.internal resolves to 10.0.2.40").contains("is not 10.0.1.25");
    }

    @Test
    void aSourceHostNameThatResolvesToTheVmPasses() {
        runningVm("10.0.1.25");
        dns.put("redis.internal", "10.0.1.25");
        CheckResult ip = sourceResult(new SourceSpec(RedisEndpoint.of("redis.internal", 6379), "i-1", null),
                Check.CLOUD_SOURCE_PRIVATE_IP);
        assertThat(ip.level()).isEqualTo(CheckLevel.PASS);
        assertThat(ip.message()).contains("redis.internal resolves to 10.0.1.25");
    }

    @Test
    void aSourceHostThatResolvesToAnotherMachineOrNowhereIsAnError() {
        runningVm("10.0.1.25");
        dns.put("other.internal", "10.0.7.7");
        CheckResult other = sourceResult(new SourceSpec(RedisEndpoint.of("other.internal", 6379), "i-1", null),
                Check.CLOUD_SOURCE_PRIVATE_IP);
        CheckResult nowhere = sourceResult(new SourceSpec(RedisEndpoint.of("gone.internal", 6379), "i-1", null),
                Check.CLOUD_SOURCE_PRIVATE_IP);
        assertThat(other.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(other.message()).contains("is not a private IP of instance i-1 (it has 10.0.1.25)");
        assertThat(nowhere.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(nowhere.message()).contains("gone.internal does not resolve");
    }

    @Test
    void aVmNotFoundInTheRegionBlocksAndLeavesTheRegionUnknown() {
        List<CheckResult> results = check(vm("i-elsewhere", "10.0.1.25"), TargetSpec.of(SOURCE)).results();
        assertThat(results).extracting(CheckResult::level)
                .containsExactly(CheckLevel.ERROR, CheckLevel.SKIPPED, CheckLevel.SKIPPED, CheckLevel.SKIPPED);
        assertThat(results.get(0).message()).contains("No EC2 instance i-elsewhere in eu-west-1");
        assertThat(results.get(2).message()).contains("cross-region");
    }

    @Test
    void aSourceWithoutVmAndAPlainTargetSkipEveryCheck() {
        CloudFindings findings = check(SourceSpec.of(SOURCE), TargetSpec.of(RedisEndpoint.of("10.0.3.3", 6379)));
        assertThat(findings.results()).extracting(CheckResult::level).containsOnly(CheckLevel.SKIPPED);
        assertThat(findings.managedTarget()).isNull();
    }

    @Test
    void whenAwsCannotBeAskedTheChecksWarnInsteadOfPassing() {
        ec2Refuses = true;
        elastiCache.refuse(ElastiCacheException.Kind.ACCESS_DENIED, "AccessDenied");
        CloudFindings findings = check(vm("i-1", "10.0.1.25"), new TargetSpec(TARGET, "orders-cache"));
        assertThat(findings.results()).extracting(CheckResult::level)
                .containsExactly(CheckLevel.WARNING, CheckLevel.SKIPPED, CheckLevel.SKIPPED, CheckLevel.WARNING);
        assertThat(findings.results().get(3).message()).contains("AccessDenied", "elasticache:DescribeReplicationGroups");
        assertThat(findings.managedTarget()).isNull();
    }

    @Test
    void aMissingGroupIsAnErrorAndAServerlessCacheNamesTheLimit() {
        elastiCache.serverlessCaches.add("orders-serverless");
        CheckResult missing = targetResult(new TargetSpec(TARGET, "nope"), Check.CLOUD_TARGET_AVAILABLE);
        CheckResult serverless = targetResult(new TargetSpec(TARGET, "orders-serverless"), Check.CLOUD_TARGET_AVAILABLE);
        assertThat(missing.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(missing.message()).contains("No ElastiCache replication group nope in eu-west-1");
        assertThat(serverless.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(serverless.message()).contains("Serverless cache", "Serverless is not supported", "replication group");
    }

    @Test
    void aGroupThatIsNotAvailableIsAnErrorAndNoManagedTarget() {
        elastiCache.groups.put("busy", group("busy", "modifying", AuthMode.AUTH_TOKEN, List.of()));
        CloudFindings busy = check(SourceSpec.of(SOURCE), new TargetSpec(TARGET, "busy"));
        assertThat(busy.results().get(3).level()).isEqualTo(CheckLevel.ERROR);
        assertThat(busy.results().get(3).message()).contains("is modifying");
        assertThat(busy.managedTarget()).isNull();
    }

    @Test
    void aClusterModeGroupIsMigratedIntoAtItsConfigurationEndpointAndNamesItsShards() {
        elastiCache.groups.put("sharded", new ReplicationGroup("sharded", "available", true, CONFIGURATION, 6379, true,
                AuthMode.NONE, List.of(), "redis", "7.1.0", List.of("sg-app"),
                "arn:aws:elasticache:eu-west-1:123456789012:replicationgroup:sharded", List.of("0001", "0002", "0003")));
        RedisEndpoint configuration = new RedisEndpoint(CONFIGURATION, 6379, true, null, null);

        CloudFindings findings = check(SourceSpec.of(SOURCE), new TargetSpec(configuration, "sharded"));
        CheckResult elsewhere = targetResult(new TargetSpec(TARGET, "sharded"), Check.CLOUD_TARGET_AVAILABLE);

        CheckResult available = findings.results().get(3);
        assertThat(available.level()).as(available.message()).isEqualTo(CheckLevel.PASS);
        assertThat(available.message()).contains("configuration endpoint " + CONFIGURATION + ":6379",
                "cluster mode enabled with 3 shards (0001, 0002, 0003)");
        assertThat(findings.managedTarget().group().id()).isEqualTo("sharded");
        assertThat(elsewhere.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(elsewhere.message()).contains("is not the configuration endpoint of replication group sharded");
    }

    @Test
    void anEndpointThatIsNotTheGroupsPrimaryIsAnErrorNamingBoth() {
        elastiCache.groups.put("orders-cache", available("orders-cache"));
        RedisEndpoint other = new RedisEndpoint("master.billing.abc123.euw1.cache.amazonaws.com", 6379, true, null, null);
        CloudFindings findings = check(SourceSpec.of(SOURCE), new TargetSpec(other, "orders-cache"));
        CheckResult target = findings.results().get(3);
        assertThat(target.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(target.message()).contains("master.billing.abc123.euw1.cache.amazonaws.com:6379", PRIMARY + ":6379");
        assertThat(findings.managedTarget()).isNull();
    }

    @Test
    void theGroupsPrimaryMatchesInAnyCaseOrByItsAddressButNotOnAnotherPort() {
        elastiCache.groups.put("orders-cache", available("orders-cache"));
        dns.put(PRIMARY, "10.0.5.5");
        RedisEndpoint upperCase = new RedisEndpoint(PRIMARY.toUpperCase(), 6379, true, null, null);
        RedisEndpoint byAddress = new RedisEndpoint("10.0.5.5", 6379, true, null, null);
        RedisEndpoint otherPort = new RedisEndpoint(PRIMARY, 6380, true, null, null);
        assertThat(targetResult(new TargetSpec(upperCase, "orders-cache"), Check.CLOUD_TARGET_AVAILABLE).level()).isEqualTo(CheckLevel.PASS);
        assertThat(targetResult(new TargetSpec(byAddress, "orders-cache"), Check.CLOUD_TARGET_AVAILABLE).level()).isEqualTo(CheckLevel.PASS);
        assertThat(targetResult(new TargetSpec(otherPort, "orders-cache"), Check.CLOUD_TARGET_AVAILABLE).level()).isEqualTo(CheckLevel.ERROR);
    }

    @Test
    void anEndpointWithoutTlsOnAGroupWithInTransitEncryptionIsAnError() {
        elastiCache.groups.put("orders-cache", available("orders-cache"));
        CheckResult target = targetResult(new TargetSpec(RedisEndpoint.of(PRIMARY, 6379), "orders-cache"),
                Check.CLOUD_TARGET_AVAILABLE);
        assertThat(target.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(target.message()).contains("in-transit encryption", "rediss://" + PRIMARY + ":6379");
    }

    @Test
    void aTargetEndpointOfAnotherRegionIsAnErrorThatNamesTheLimit() {
        RedisEndpoint virginia = new RedisEndpoint("master.orders.xyz789.use1.cache.amazonaws.com", 6379, true, null, null);
        CheckResult region = targetResult(TargetSpec.of(virginia), Check.CLOUD_SAME_REGION);
        assertThat(region.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(region.message()).contains("region code use1", "euw1", "runs in eu-west-1", "no cross-region");
    }

    @Test
    void aGroupWhoseArnNamesAnotherRegionIsAnErrorAndNoManagedTarget() {
        ReplicationGroup elsewhere = new ReplicationGroup("orders-cache", "available", false, PRIMARY, 6379, true,
                AuthMode.NONE, List.of(), "redis", "7.1.0", List.of(), "arn:aws:elasticache:us-east-1:123456789012:replicationgroup:orders-cache",
                List.of("0001"));
        elastiCache.groups.put("orders-cache", elsewhere);
        CloudFindings findings = check(SourceSpec.of(SOURCE), new TargetSpec(TARGET, "orders-cache"));
        assertThat(findings.results().get(2).level()).isEqualTo(CheckLevel.ERROR);
        assertThat(findings.results().get(2).message()).contains("is in us-east-1 (its ARN)");
        assertThat(findings.managedTarget()).isNull();
    }

    @Test
    void aVmAndATargetOfThisRegionPassTheRegionCheck() {
        runningVm("10.0.1.25");
        CheckResult region = result(vm("i-1", "10.0.1.25"), TargetSpec.of(TARGET), Check.CLOUD_SAME_REGION);
        assertThat(region.level()).isEqualTo(CheckLevel.PASS);
        assertThat(region.message()).contains("Instance i-1 (eu-west-1b)", "target endpoint " + PRIMARY);
    }

    @Test
    void anRbacTargetCarriesItsFirstUserGroupAndThatGroupsUsers() {
        elastiCache.groups.put("sessions", group("sessions", "available", AuthMode.RBAC, List.of("sessions-users", "more")));
        UserGroup users = new UserGroup("sessions-users", "active", List.of("default", "app-writer"), List.of("sessions"));
        elastiCache.userGroups.put("sessions-users", users);
        CacheUser writer = new CacheUser("app-writer", "app", "active", "on ~* +@all", List.of("sessions-users"), "valkey");
        CacheUser defaultUser = new CacheUser("default", "default", "active", "on ~* +@all", List.of("sessions-users"), "valkey");
        elastiCache.users.addAll(List.of(defaultUser, writer,
                new CacheUser("reporter", "reporter", "active", "on ~* +@read", List.of("reports-users"), "valkey")));
        ManagedTarget managed = check(SourceSpec.of(SOURCE), new TargetSpec(TARGET, "sessions")).managedTarget();
        assertThat(managed.userGroup()).isEqualTo(users);
        assertThat(managed.groupUsers()).containsExactly(defaultUser, writer);
    }

    @Test
    void anUnreadableUserGroupLeavesItToTheLockDecisionToSaySo() {
        elastiCache.groups.put("sessions", group("sessions", "available", AuthMode.RBAC, List.of("sessions-users")));
        fence = FenceSecurityGroups.none();
        ManagedTarget managed = check(SourceSpec.of(SOURCE), new TargetSpec(TARGET, "sessions")).managedTarget();
        assertThat(managed.userGroup()).isNull();
        assertThat(managed.groupUsers()).isEmpty();
        assertThat(managed.fenceAvailable()).isFalse();
    }
}
