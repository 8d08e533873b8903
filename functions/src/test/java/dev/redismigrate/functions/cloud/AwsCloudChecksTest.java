package dev.redismigrate.functions.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.validation.Check;
import dev.redismigrate.core.validation.CheckLevel;
import dev.redismigrate.core.validation.CheckResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AwsCloudChecksTest {
    private static final RedisEndpoint SOURCE = RedisEndpoint.of("10.0.1.25", 6379);
    private final Map<String, Ec2Instances.Instance> instances = new HashMap<>();
    private final Map<String, ReplicationGroups.Group> groups = new HashMap<>();
    private boolean awsRefuses;

    private final AwsCloudChecks checks = new AwsCloudChecks(
            id -> lookup(instances, id), id -> lookup(groups, id), "eu-west-1");

    private <T> Optional<T> lookup(Map<String, T> facts, String id) {
        if (awsRefuses) {
            throw new CloudLookupException("EC2 DescribeInstances failed: UnauthorizedOperation", null);
        }
        return Optional.ofNullable(facts.get(id));
    }

    private static SourceSpec vm(String instanceId, String ip) {
        return new SourceSpec(SOURCE, instanceId, ip);
    }

    @Test
    void aRunningVmOwningTheIpPassesAllSourceChecks() {
        instances.put("i-1", new Ec2Instances.Instance("i-1", "running", "eu-west-1b", List.of("10.0.1.25", "10.0.1.26")));
        assertThat(checks.checkSource(vm("i-1", "10.0.1.26")))
                .extracting(CheckResult::id, CheckResult::level)
                .containsExactly(
                        tuple(Check.CLOUD_SOURCE_VM_RUNNING.id(), CheckLevel.PASS),
                        tuple(Check.CLOUD_SOURCE_PRIVATE_IP.id(), CheckLevel.PASS),
                        tuple(Check.CLOUD_SAME_REGION.id(), CheckLevel.PASS));
    }

    @Test
    void theTaskGetsTheFourCloudChecksInThePortsOrder() {
        instances.put("i-1", new Ec2Instances.Instance("i-1", "running", "eu-west-1b", List.of("10.0.1.25")));
        groups.put("orders-cache", new ReplicationGroups.Group("orders-cache", "available", false, "master.orders", 6379, true));
        MigrationTask task = MigrationTask.create("orders", vm("i-1", "10.0.1.25"),
                new TargetSpec(RedisEndpoint.of("master.orders", 6379), "orders-cache"), null, List.of(), java.time.Instant.EPOCH);
        assertThat(checks.check(task).results()).extracting(CheckResult::id).containsExactly(Check.CLOUD_SOURCE_VM_RUNNING.id(),
                Check.CLOUD_SOURCE_PRIVATE_IP.id(), Check.CLOUD_SAME_REGION.id(), Check.CLOUD_TARGET_AVAILABLE.id());
        assertThat(checks.check(task).results()).extracting(CheckResult::level).containsOnly(CheckLevel.PASS);
    }

    @Test
    void aStoppedVmIsAnErrorThatSaysWhatToDo() {
        instances.put("i-1", new Ec2Instances.Instance("i-1", "stopped", "eu-west-1b", List.of("10.0.1.25")));
        CheckResult running = checks.checkSource(vm("i-1", "10.0.1.25")).get(0);
        assertThat(running.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(running.message()).contains("is stopped").contains("Start the instance");
    }

    @Test
    void anIpOfAnotherMachineIsAnErrorListingTheVmsIps() {
        instances.put("i-1", new Ec2Instances.Instance("i-1", "running", "eu-west-1b", List.of("10.0.1.25", "10.0.2.40")));
        CheckResult ip = checks.checkSource(vm("i-1", "10.0.9.9")).get(1);
        assertThat(ip.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(ip.message()).contains("10.0.9.9 is not a private IP of instance i-1").contains("10.0.1.25, 10.0.2.40");
    }

    @Test
    void aVmNotFoundInTheRegionBlocksAndLeavesTheRegionUnknown() {
        List<CheckResult> results = checks.checkSource(vm("i-elsewhere", "10.0.1.25"));
        assertThat(results).extracting(CheckResult::level).containsExactly(CheckLevel.ERROR, CheckLevel.SKIPPED, CheckLevel.SKIPPED);
        assertThat(results.get(0).message()).contains("No EC2 instance i-elsewhere in eu-west-1");
        assertThat(results.get(2).message()).contains("cross-region");
    }

    @Test
    void aSourceWithoutVmSkipsTheVmChecks() {
        assertThat(checks.checkSource(SourceSpec.of(SOURCE))).extracting(CheckResult::level).containsOnly(CheckLevel.SKIPPED);
    }

    @Test
    void whenAwsCannotBeAskedTheChecksWarnInsteadOfPassing() {
        awsRefuses = true;
        assertThat(checks.checkSource(vm("i-1", "10.0.1.25"))).extracting(CheckResult::level)
                .containsExactly(CheckLevel.WARNING, CheckLevel.SKIPPED, CheckLevel.SKIPPED);
        CheckResult target = checks.checkTarget(new TargetSpec(RedisEndpoint.of("x", 6379), "orders-cache"));
        assertThat(target.level()).isEqualTo(CheckLevel.WARNING);
        assertThat(target.message()).contains("UnauthorizedOperation");
    }

    @Test
    void anAvailableGroupPassesAndResolvesItsPrimaryEndpoint() {
        groups.put("orders-cache", new ReplicationGroups.Group("orders-cache", "available", false, "master.orders", 6379, true));
        CheckResult target = checks.checkTarget(new TargetSpec(RedisEndpoint.of("master.orders", 6379), "orders-cache"));
        assertThat(target.level()).isEqualTo(CheckLevel.PASS);
        assertThat(checks.targetEndpoint("orders-cache")).contains(new RedisEndpoint("master.orders", 6379, true, null, null));
    }

    @Test
    void aGroupThatIsNotAvailableOrIsShardedIsAnError() {
        groups.put("busy", new ReplicationGroups.Group("busy", "modifying", false, "master.busy", 6379, false));
        groups.put("sharded", new ReplicationGroups.Group("sharded", "available", true, null, 0, false));
        CheckResult busy = checks.checkTarget(new TargetSpec(RedisEndpoint.of("x", 1), "busy"));
        CheckResult sharded = checks.checkTarget(new TargetSpec(RedisEndpoint.of("x", 1), "sharded"));
        assertThat(busy.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(busy.message()).contains("is modifying");
        assertThat(sharded.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(sharded.message()).contains("cluster mode enabled");
        assertThat(checks.targetEndpoint("busy")).isEmpty();
        assertThat(checks.targetEndpoint("missing")).isEmpty();
    }

    @Test
    void aMissingGroupIsAnErrorAndAPlainEndpointIsSkipped() {
        assertThat(checks.checkTarget(new TargetSpec(RedisEndpoint.of("x", 1), "nope")).level()).isEqualTo(CheckLevel.ERROR);
        assertThat(checks.checkTarget(TargetSpec.of(RedisEndpoint.of("x", 1))).level()).isEqualTo(CheckLevel.SKIPPED);
    }
}
