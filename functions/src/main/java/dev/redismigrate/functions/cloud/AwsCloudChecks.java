package dev.redismigrate.functions.cloud;

import static dev.redismigrate.core.validation.Check.CLOUD_SAME_REGION;
import static dev.redismigrate.core.validation.Check.CLOUD_SOURCE_PRIVATE_IP;
import static dev.redismigrate.core.validation.Check.CLOUD_SOURCE_VM_RUNNING;
import static dev.redismigrate.core.validation.Check.CLOUD_TARGET_AVAILABLE;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.CloudChecks;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.CloudFindings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cloud part of the validation catalogue: the source VM exists in this region, is running and owns the given
 * private IP; the target ElastiCache replication group exists, is available and has one primary endpoint (cluster
 * mode disabled). Both lookups are regional, so finding the instance here is what proves "same region". An AWS error
 * that prevents a check is a WARNING (it could not be checked), never a PASS.
 */
public final class AwsCloudChecks implements CloudChecks {
    private final Ec2Instances ec2;
    private final ReplicationGroups replicationGroups;
    private final String region;

    public AwsCloudChecks(Ec2Instances ec2, ReplicationGroups replicationGroups, String region) {
        this.ec2 = ec2;
        this.replicationGroups = replicationGroups;
        this.region = region;
    }

    /** The four cloud checks, in the port's order. */
    @Override
    public CloudFindings check(MigrationTask task) {
        List<CheckResult> results = new ArrayList<>(checkSource(task.source()));
        results.add(checkTarget(task.target()));
        return new CloudFindings(results, null);
    }

    /** Source VM running, its private IP, same region: in that order. */
    List<CheckResult> checkSource(SourceSpec source) {
        String id = source.vmInstanceId();
        if (id == null) {
            String reason = "The source is not a VM named by instance id (an internet-reachable source), so there is no VM to check.";
            return List.of(CLOUD_SOURCE_VM_RUNNING.skipped(reason), CLOUD_SOURCE_PRIVATE_IP.skipped(reason),
                    CLOUD_SAME_REGION.skipped(reason));
        }
        Optional<Ec2Instances.Instance> found;
        try {
            found = ec2.find(id);
        } catch (CloudLookupException e) {
            String skipped = "Not checked: the instance could not be looked up.";
            return List.of(CLOUD_SOURCE_VM_RUNNING.warning("Instance " + id + " could not be checked (" + e.getMessage()
                            + "). The migration may still work. Give the validating role ec2:DescribeInstances to check it."),
                    CLOUD_SOURCE_PRIVATE_IP.skipped(skipped), CLOUD_SAME_REGION.skipped(skipped));
        }
        if (found.isEmpty()) {
            return List.of(CLOUD_SOURCE_VM_RUNNING.error("No EC2 instance " + id + " in " + region + ". The source VM must"
                            + " exist, in the same region as the target. Check the instance id, and that the VM runs in " + region + "."),
                    CLOUD_SOURCE_PRIVATE_IP.skipped("Not checked: instance " + id + " was not found."),
                    CLOUD_SAME_REGION.skipped("Not checked: instance " + id + " was not found in " + region
                            + ", so its region is unknown (cross-region migration is not supported)."));
        }
        Ec2Instances.Instance instance = found.get();
        return List.of(running(instance), privateIp(instance, source.privateIp()),
                CLOUD_SAME_REGION.pass("Instance " + id + " is in " + region + " (" + instance.availabilityZone()
                        + "), the target's region."));
    }

    /** Target available; SKIPPED for a target given as a plain endpoint. */
    CheckResult checkTarget(TargetSpec target) {
        String id = target.instanceId();
        if (id == null) {
            return CLOUD_TARGET_AVAILABLE.skipped("The target is given as an endpoint, not as an ElastiCache replication group id.");
        }
        Optional<ReplicationGroups.Group> found;
        try {
            found = replicationGroups.find(id);
        } catch (CloudLookupException e) {
            return CLOUD_TARGET_AVAILABLE.warning("Replication group " + id + " could not be checked (" + e.getMessage()
                    + "). The migration may still work. Give the validating role elasticache:DescribeReplicationGroups to check it.");
        }
        if (found.isEmpty()) {
            return CLOUD_TARGET_AVAILABLE.error("No ElastiCache replication group " + id + " in " + region + ". Data is"
                    + " migrated into that instance. Check the id (the replication group id, not a node id) and the region.");
        }
        ReplicationGroups.Group group = found.get();
        if (!"available".equals(group.status())) {
            return CLOUD_TARGET_AVAILABLE.error("Replication group " + id + " is " + group.status() + ". Only an"
                    + " available instance can be migrated into. Wait until it is available, then validate again.");
        }
        if (group.clusterEnabled() || group.primaryHost() == null) {
            return CLOUD_TARGET_AVAILABLE.error("Replication group " + id + " has cluster mode enabled. Only a"
                    + " primary/replica target (cluster mode disabled) is supported. Use such a replication group.");
        }
        return CLOUD_TARGET_AVAILABLE.pass("Replication group " + id + " is available; primary endpoint "
                + group.primaryHost() + ":" + group.primaryPort() + (group.tls() ? " (TLS)." : "."));
    }

    /**
     * The primary endpoint of an available, non-cluster replication group, with TLS when in-transit encryption is on;
     * no user or password (the task adds its own). Empty if there is no such group.
     */
    public Optional<RedisEndpoint> targetEndpoint(String replicationGroupId) {
        return replicationGroups.find(replicationGroupId)
                .filter(group -> "available".equals(group.status()) && !group.clusterEnabled() && group.primaryHost() != null)
                .map(group -> new RedisEndpoint(group.primaryHost(), group.primaryPort(), group.tls(), null, null));
    }

    private static CheckResult running(Ec2Instances.Instance instance) {
        if ("running".equals(instance.state())) {
            return CLOUD_SOURCE_VM_RUNNING.pass("Instance " + instance.id() + " is running.");
        }
        return CLOUD_SOURCE_VM_RUNNING.error("Instance " + instance.id() + " is " + instance.state() + ". Only a"
                + " source on a running VM can be migrated. Start the instance, then validate again.");
    }

    private static CheckResult privateIp(Ec2Instances.Instance instance, String ip) {
        if (ip == null) {
            return CLOUD_SOURCE_PRIVATE_IP.skipped("No private IP was given for instance " + instance.id() + ".");
        }
        if (instance.privateIps().contains(ip)) {
            return CLOUD_SOURCE_PRIVATE_IP.pass(ip + " is a private IP of instance " + instance.id() + ".");
        }
        return CLOUD_SOURCE_PRIVATE_IP.error(ip + " is not a private IP of instance " + instance.id() + " (it has "
                + (instance.privateIps().isEmpty() ? "none" : String.join(", ", instance.privateIps())) + "). The"
                + " migration connects to that address, so it must be the VM that hosts the source. Correct the IP or the"
                + " instance id.");
    }
}
