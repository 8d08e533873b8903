package dev.redismigrate.aws.cloud;

import static dev.redismigrate.core.validation.Check.CLOUD_SAME_REGION;
import static dev.redismigrate.core.validation.Check.CLOUD_SOURCE_PRIVATE_IP;
import static dev.redismigrate.core.validation.Check.CLOUD_SOURCE_VM_RUNNING;
import static dev.redismigrate.core.validation.Check.CLOUD_TARGET_AVAILABLE;

import dev.redismigrate.core.elasticache.CacheUser;
import dev.redismigrate.core.elasticache.ElastiCache;
import dev.redismigrate.core.elasticache.ElastiCacheException;
import dev.redismigrate.core.elasticache.ManagedTarget;
import dev.redismigrate.core.elasticache.ReplicationGroup;
import dev.redismigrate.core.elasticache.UserGroup;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.AddressResolver;
import dev.redismigrate.core.port.CloudChecks;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.validation.CheckLevel;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.CloudFindings;
import dev.redismigrate.core.validation.InstanceFacts;
import dev.redismigrate.core.validation.checks.ShardLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cloud part of the validation catalogue. The source VM exists in this region, is running, and the source
 * endpoint's host resolves to its private IP; the target ElastiCache replication group exists in this region, is
 * available, and a target endpoint given as well is its primary endpoint (cluster mode disabled) or its configuration
 * endpoint (cluster mode enabled: the Redis checks then find every shard's primary from there); nothing names another
 * region. An AWS error that prevents a check is a WARNING (it could not be checked), never a PASS. For a
 * target found and usable, the findings carry what the lock decision needs ({@link ManagedTarget}). A cluster source
 * may have as many primaries as the RunSync Map runs sync containers at once ({@link ShardLimit}).
 */
public final class AwsCloudChecks implements CloudChecks {
    /** Step Functions' limit of an inline Map's concurrent iterations: RunSync in statemachine/migration.asl.json. */
    private static final int RUN_SYNC_CONCURRENCY = 40;

    private final Ec2Instances ec2;
    private final ElastiCache elastiCache;
    private final AddressResolver addresses;
    private final FenceSecurityGroups fence;
    private final String region;

    public AwsCloudChecks(Ec2Instances ec2, ElastiCache elastiCache, AddressResolver addresses, FenceSecurityGroups fence,
                          String region) {
        this.ec2 = ec2;
        this.elastiCache = elastiCache;
        this.addresses = addresses;
        this.fence = fence;
        this.region = region;
    }

    /** What one lookup of the source VM gave: the instance, or why there is none. */
    private record VmLookup(String id, Optional<Ec2Instances.Instance> instance, String failure) {
        boolean named() {
            return id != null;
        }
    }

    /** What one lookup of the target group gave: the group, or why there is none. */
    private record GroupLookup(String id, Optional<ReplicationGroup> group, String failure) {
    }

    /** The four cloud checks, in the port's order, and the managed target when it can be migrated into. */
    @Override
    public CloudFindings check(MigrationTask task) {
        VmLookup vm = lookUpVm(task.source());
        GroupLookup target = lookUpGroup(task.target());
        CheckResult sameRegion = sameRegion(vm, task.target(), target);
        CheckResult available = targetAvailable(task.target(), target);
        List<CheckResult> results = List.of(running(vm), privateIp(vm, task.source()), sameRegion, available);
        boolean usable = available.level() == CheckLevel.PASS && sameRegion.level() != CheckLevel.ERROR;
        return new CloudFindings(results, usable ? managedTarget(target.group().orElseThrow()) : null);
    }

    /** The sync containers of a cluster source's primaries run as iterations of one inline Map, 40 at most at once. */
    @Override
    public CheckResult sourceShards(InstanceFacts source) {
        return ShardLimit.sourceShards(source, RUN_SYNC_CONCURRENCY);
    }

    private VmLookup lookUpVm(SourceSpec source) {
        String id = source.vmInstanceId();
        if (id == null) {
            return new VmLookup(null, Optional.empty(), null);
        }
        try {
            return new VmLookup(id, ec2.find(id), null);
        } catch (CloudLookupException e) {
            return new VmLookup(id, Optional.empty(), e.getMessage());
        }
    }

    private GroupLookup lookUpGroup(TargetSpec target) {
        String id = target.instanceId();
        if (id == null) {
            return new GroupLookup(null, Optional.empty(), null);
        }
        try {
            return new GroupLookup(id, elastiCache.replicationGroup(id), null);
        } catch (ElastiCacheException e) {
            return new GroupLookup(id, Optional.empty(), e.getMessage());
        }
    }

    private CheckResult running(VmLookup vm) {
        if (!vm.named()) {
            return CLOUD_SOURCE_VM_RUNNING.skipped(NO_VM);
        }
        if (vm.failure() != null) {
            return CLOUD_SOURCE_VM_RUNNING.warning("Instance " + vm.id() + " could not be checked (" + vm.failure()
                    + "). The migration may still work. Give the validating role ec2:DescribeInstances to check it.");
        }
        if (vm.instance().isEmpty()) {
            return CLOUD_SOURCE_VM_RUNNING.error("No EC2 instance " + vm.id() + " in " + region + ". The source VM must"
                    + " exist, in the same region as the target. Check the instance id, and that the VM runs in " + region + ".");
        }
        Ec2Instances.Instance instance = vm.instance().get();
        if ("running".equals(instance.state())) {
            return CLOUD_SOURCE_VM_RUNNING.pass("Instance " + instance.id() + " is running.");
        }
        return CLOUD_SOURCE_VM_RUNNING.error("Instance " + instance.id() + " is " + instance.state() + ". Only a"
                + " source on a running VM can be migrated. Start the instance, then validate again.");
    }

    /** The address the migration reads from (the source host, resolved) must be the VM's private IP. */
    private CheckResult privateIp(VmLookup vm, SourceSpec source) {
        if (!vm.named()) {
            return CLOUD_SOURCE_PRIVATE_IP.skipped(NO_VM);
        }
        if (vm.instance().isEmpty()) {
            return CLOUD_SOURCE_PRIVATE_IP.skipped("Not checked: instance " + vm.id()
                    + (vm.failure() == null ? " was not found." : " could not be looked up."));
        }
        Ec2Instances.Instance instance = vm.instance().get();
        String ip = source.privateIp();
        String vmIps = instance.privateIps().isEmpty() ? "none" : String.join(", ", instance.privateIps());
        if (ip != null && !instance.privateIps().contains(ip)) {
            return CLOUD_SOURCE_PRIVATE_IP.error(ip + " is not a private IP of instance " + instance.id() + " (it has "
                    + vmIps + "). The migration connects to that address, so it must be the VM that hosts the source."
                    + " Correct the IP or the instance id.");
        }
        String host = source.endpoint().host();
        Optional<String> resolved = addresses.resolve(host);
        if (resolved.isEmpty()) {
            return CLOUD_SOURCE_PRIVATE_IP.error("The source host " + host + " does not resolve, so it cannot be shown"
                    + " to be instance " + instance.id() + ". The migration reads from that host. Give the VM's private IP"
                    + " (or a name that resolves to it) as the source host.");
        }
        String address = resolved.get();
        String hostAddress = host.equals(address) ? "The source host " + host
                : "The source host " + host + " resolves to " + address + ", which";
        List<String> expected = ip == null ? instance.privateIps() : List.of(ip);
        if (expected.contains(address)) {
            return CLOUD_SOURCE_PRIVATE_IP.pass(hostAddress + " is a private IP of instance " + instance.id() + ".");
        }
        return CLOUD_SOURCE_PRIVATE_IP.error(hostAddress + " is not " + (ip == null ? "a private IP of instance "
                + instance.id() + " (it has " + vmIps + ")" : ip + ", the private IP given for instance " + instance.id())
                + ". The migration reads from that host, so it must be the VM that hosts the source. Give "
                + (ip == null ? "the VM's private IP" : ip) + " as the source host, or correct the instance id.");
    }

    /**
     * The lookups are regional, so a VM or group found here is in this region; a target endpoint host or group ARN
     * that names another region is the limit this check reports.
     */
    private CheckResult sameRegion(VmLookup vm, TargetSpec spec, GroupLookup target) {
        List<String> elsewhere = new ArrayList<>();
        List<String> here = new ArrayList<>();
        vm.instance().ifPresent(instance -> here.add("instance " + instance.id() + " (" + instance.availabilityZone() + ")"));
        target.group().ifPresent(group -> {
            Optional<String> groupRegion = ElastiCacheRegions.ofArn(group.arn());
            if (groupRegion.isPresent() && !groupRegion.get().equals(region)) {
                elsewhere.add("replication group " + group.id() + " is in " + groupRegion.get() + " (its ARN)");
            } else {
                here.add("replication group " + group.id());
            }
        });
        String host = spec.endpoint().host();
        String code = ElastiCacheRegions.codeOf(region);
        ElastiCacheRegions.codeOfHost(host).ifPresent(hostCode -> {
            if (hostCode.equals(code)) {
                here.add("target endpoint " + host);
            } else {
                elsewhere.add("target endpoint " + host + " is an ElastiCache endpoint of region code " + hostCode
                        + " (this region's is " + code + ")");
            }
        });
        if (!elsewhere.isEmpty()) {
            return CLOUD_SAME_REGION.error(capitalised(String.join("; ", elsewhere)) + ", but this migration runs in "
                    + region + ". Only a source and target in the stack's region are supported (no cross-region"
                    + " migration). Use a target in " + region + ", or deploy the stack in the target's region.");
        }
        if (vm.named() && vm.instance().isEmpty()) {
            return CLOUD_SAME_REGION.skipped("Not checked: instance " + vm.id() + (vm.failure() == null
                    ? " was not found in " + region + ", so its region is unknown" : " could not be looked up")
                    + " (cross-region migration is not supported).");
        }
        if (here.isEmpty()) {
            return CLOUD_SAME_REGION.skipped("Neither the source (no VM instance id) nor the target (no replication group"
                    + " id, not an ElastiCache endpoint) names a region.");
        }
        return CLOUD_SAME_REGION.pass(capitalised(String.join(", ", here)) + ": in " + region + ", this migration's region.");
    }

    private CheckResult targetAvailable(TargetSpec spec, GroupLookup target) {
        String id = target.id();
        if (id == null) {
            return CLOUD_TARGET_AVAILABLE.skipped("The target is given as an endpoint, not as an ElastiCache replication group id.");
        }
        if (target.failure() != null) {
            return CLOUD_TARGET_AVAILABLE.warning("Replication group " + id + " could not be checked (" + target.failure()
                    + "). The migration may still work. Give the validating role elasticache:DescribeReplicationGroups"
                    + " and elasticache:DescribeCacheClusters to check it.");
        }
        if (target.group().isEmpty()) {
            return CLOUD_TARGET_AVAILABLE.error(TargetByInstanceId.isServerless(elastiCache, id)
                    ? id + " is an ElastiCache Serverless cache. Serverless is not supported: only a replication group"
                    + " (cluster mode disabled or enabled) can be migrated into. Use such a replication group."
                    : "No ElastiCache replication group " + id + " in " + region + ". Data is migrated into that"
                    + " instance. Check the id (the replication group id, not a node id) and the region.");
        }
        ReplicationGroup group = target.group().get();
        if (!group.available() || group.endpointHost() == null) {
            return CLOUD_TARGET_AVAILABLE.error("Replication group " + id + " is " + group.status() + ". Only an"
                    + " available instance can be migrated into. Wait until it is available, then validate again.");
        }
        RedisEndpoint endpoint = spec.endpoint();
        String groupEndpoint = group.endpointHost() + ":" + group.endpointPort();
        String endpointKind = group.clusterMode() ? "configuration endpoint" : "primary endpoint";
        if (!isGroupEndpoint(endpoint, group)) {
            return CLOUD_TARGET_AVAILABLE.error("The target endpoint " + endpoint.address() + " is not the "
                    + endpointKind + " of replication group " + id + " (" + groupEndpoint + "). Data would be written into"
                    + " another instance than the one validated and locked. Give " + groupEndpoint + ", or only the"
                    + " replication group id (the endpoint is then read from ElastiCache).");
        }
        if (endpoint.tls() != group.transitEncryption()) {
            return CLOUD_TARGET_AVAILABLE.error("Replication group " + id + (group.transitEncryption()
                    ? " has in-transit encryption, but the target endpoint does not use TLS"
                    : " has no in-transit encryption, but the target endpoint uses TLS") + ". The connection would"
                    + " fail. Use " + (group.transitEncryption() ? "rediss://" : "redis://") + groupEndpoint + ".");
        }
        return CLOUD_TARGET_AVAILABLE.pass("Replication group " + id + " is available: " + group.engine() + " "
                + group.engineVersion() + ", " + endpointKind + " " + groupEndpoint + (group.transitEncryption() ? " (TLS)" : "")
                + ", " + authentication(group) + ", " + topology(group) + ".");
    }

    private static String topology(ReplicationGroup group) {
        if (!group.clusterMode()) {
            return "cluster mode disabled";
        }
        int shards = group.shardIds().size();
        return "cluster mode enabled with " + shards + (shards == 1 ? " shard (" : " shards (")
                + String.join(", ", group.shardIds()) + ")";
    }

    /** Same port, and the same host name (any case) or the same address once resolved. */
    private boolean isGroupEndpoint(RedisEndpoint endpoint, ReplicationGroup group) {
        if (endpoint.port() != group.endpointPort()) {
            return false;
        }
        if (endpoint.host().equalsIgnoreCase(group.endpointHost())) {
            return true;
        }
        Optional<String> address = addresses.resolve(endpoint.host());
        return address.isPresent() && address.equals(addresses.resolve(group.endpointHost()));
    }

    /** The group, and for RBAC its (first) user group and that group's users; unreadable RBAC facts stay empty. */
    private ManagedTarget managedTarget(ReplicationGroup group) {
        if (group.authMode() != ReplicationGroup.AuthMode.RBAC || group.userGroupIds().isEmpty()) {
            return new ManagedTarget(group, null, List.of(), fence.available());
        }
        try {
            Optional<UserGroup> userGroup = elastiCache.userGroup(group.userGroupIds().get(0));
            List<CacheUser> users = userGroup.isEmpty() ? List.of() : elastiCache.users().stream()
                    .filter(user -> userGroup.get().userIds().contains(user.userId())).toList();
            return new ManagedTarget(group, userGroup.orElse(null), users, fence.available());
        } catch (ElastiCacheException e) {
            // The lock decision reports the unreadable user group, with the permissions it needs.
            return new ManagedTarget(group, null, List.of(), fence.available());
        }
    }

    private static String authentication(ReplicationGroup group) {
        return switch (group.authMode()) {
            case RBAC -> "RBAC user group " + String.join(", ", group.userGroupIds());
            case AUTH_TOKEN -> "AUTH token";
            case NONE -> "no authentication";
        };
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static final String NO_VM =
            "The source is not a VM named by instance id (an internet-reachable source), so there is no VM to check.";
}
