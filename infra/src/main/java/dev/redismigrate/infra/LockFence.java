package dev.redismigrate.infra;

import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SecurityGroupImportOptions;
import software.constructs.Construct;

/**
 * The security groups of the {@code network-fence} lock. {@code clients}: the migration's own group, on the functions
 * that connect to Redis and on the sync-runner task (next to the user's groups); it admits nothing. {@code fence}: the
 * group the lock puts on a replication group in place of its own while the migration runs; it admits the Redis ports
 * from {@code clients} only, so only the migration reaches the target. With {@code -c fenceSecurityGroupId=sg-...} an
 * existing group is the fence instead, imported and never changed (its rules are the user's to set).
 */
public final class LockFence extends Construct {
    /** The fence's id(s), comma-separated, for the functions that validate, lock and unlock (read by module aws-adapters). */
    public static final String FENCE_ENV = "REDIS_MIGRATE_FENCE_SECURITY_GROUPS";

    private final SecurityGroup clients;
    private final ISecurityGroup fence;

    public LockFence(Construct scope, String id, DeploymentSettings settings, Network network) {
        super(scope, id);
        clients = SecurityGroup.Builder.create(this, "Clients")
                .vpc(network.vpc())
                .description("redis-migrate: the functions and the sync-runner; the fence admits this group")
                .allowAllOutbound(true)
                .build();
        if (settings.fenceSecurityGroupId() != null) {
            fence = SecurityGroup.fromSecurityGroupId(this, "Fence", settings.fenceSecurityGroupId(),
                    SecurityGroupImportOptions.builder().mutable(false).build());
            return;
        }
        SecurityGroup created = SecurityGroup.Builder.create(this, "Fence")
                .vpc(network.vpc())
                .description("redis-migrate network-fence lock: only the migration reaches a locked target")
                // A cache answers; it never opens connections: nothing outbound.
                .allowAllOutbound(false)
                .build();
        DeploymentSettings.PortRange ports = settings.fencePorts();
        created.addIngressRule(Peer.securityGroupId(clients.getSecurityGroupId()),
                ports.from() == ports.to() ? Port.tcp(ports.from()) : Port.tcpRange(ports.from(), ports.to()),
                "redis-migrate functions and sync-runner");
        fence = created;
    }

    /** The migration's own group, for everything that connects to Redis. */
    public ISecurityGroup clients() {
        return clients;
    }

    public ISecurityGroup fence() {
        return fence;
    }
}
