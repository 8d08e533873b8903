package dev.redismigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.RedisUri;
import dev.redismigrate.core.lock.LockStrategy;
import dev.redismigrate.core.task.AclLockRecord;
import dev.redismigrate.core.task.FenceLockRecord;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.RbacLockRecord;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.validation.ValidationReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LockViewTest {
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

    private final MigrationTask task = MigrationTask.create("orders", SourceSpec.of(RedisUri.parse("redis://10.0.0.5:6379")),
            new TargetSpec(RedisUri.parse("rediss://master.orders.cache.amazonaws.com:6379"), "orders", true, false),
            null, List.of(), AT);

    @Test
    void anRbacLockNamesItsWriterUserAndWhatUnlockPutsBack() {
        RbacLockRecord rbac = new RbacLockRecord("orders", "orders-users", "redis-migrate-abc", "redis-migrate-abc",
                List.of(new RbacLockRecord.SavedAccess("app", "app", "on ~* +@all")), AT);
        MigrationTask locked = task.withLock(rbac, AT);

        assertThat(LockView.inForce(locked)).isEqualTo("elasticache-rbac since 2026-12-06T10:00:00Z (writer user redis-migrate-abc)");
        assertThat(LockView.column(locked)).isEqualTo("elasticache-rbac");
        assertThat(LockView.undone(rbac)).containsExactly("access strings of app put back in user group orders-users",
                "migration user redis-migrate-abc removed from the group and deleted, with its shards' users if any");
    }

    @Test
    void aFenceHasNoWriterUserAndPutsTheSecurityGroupsBack() {
        FenceLockRecord fence = new FenceLockRecord("orders", List.of("sg-app", "sg-ops"), List.of("sg-fence"), AT);

        assertThat(LockView.inForce(task.withLock(fence, AT))).isEqualTo("network-fence since 2026-12-06T10:00:00Z");
        assertThat(LockView.undone(fence)).containsExactly(
                "security groups sg-app, sg-ops of replication group orders put back (fence sg-fence removed)");
    }

    @Test
    void aClusterAclLockNamesEveryNodeItPutsBack() {
        AclLockRecord cluster = new AclLockRecord("redis-migrate-abc", List.of(), AT, Map.of(
                "10.0.1.7:7000", List.of("user default on nopass ~* &* +@all")));

        assertThat(LockView.undone(cluster)).containsExactly(
                "ACL rules put back as they were on each of 1 cluster nodes (10.0.1.7:7000)",
                "migration user redis-migrate-abc deleted on each, with its shards' users if any");
    }

    @Test
    void anAcceptedUnlockedTargetSaysSo() {
        MigrationTask accepted = task.withValidation(new ValidationReport(AT, List.of(), LockStrategy.NONE, "elasticache:orders"), AT);

        assertThat(LockView.inForce(accepted)).startsWith("none (accepted with --allow-unlocked-target): nothing stops");
        assertThat(LockView.column(accepted)).isEqualTo("none");
    }

    @Test
    void aFailedUnlockIsTheSecondLineOfStatusWithTheCommandOfItsMode() {
        MigrationTask stuck = task.withLock(new FenceLockRecord("orders", List.of("sg-app"), List.of("sg-fence"), AT), AT)
                .withUnlockFailure("ModifyReplicationGroup: InvalidReplicationGroupState", AT);
        StringWriter out = new StringWriter();

        TaskPrinter.print(stuck, new PrintWriter(out, true), LockView.CLOUD_UNLOCK);

        assertThat(out.toString().lines().toList().get(2)).isEqualTo("WARNING   target STILL LOCKED: ModifyReplicationGroup:"
                + " InvalidReplicationGroupState; run `redis-migrate task unlock " + stuck.id() + "`");
        assertThat(LockView.column(stuck)).isEqualTo("STILL-LOCKED");
    }
}
