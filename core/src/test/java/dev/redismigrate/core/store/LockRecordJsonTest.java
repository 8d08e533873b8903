package dev.redismigrate.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.task.AclLockRecord;
import dev.redismigrate.core.task.FenceLockRecord;
import dev.redismigrate.core.task.LockRecord;
import dev.redismigrate.core.task.RbacLockRecord;
import dev.redismigrate.core.task.RbacLockRecord.SavedAccess;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LockRecordJsonTest {
    private static final Instant LOCKED_AT = Instant.parse("2026-12-06T13:00:00Z");

    @Test
    void anRbacRecordComesBackAsItWasStoredWithItsStrategy() {
        RbacLockRecord record = new RbacLockRecord("rg", "ug", "redis-migrate-t1", "redis-migrate-t1",
                List.of(new SavedAccess("app", "app", "on ~app:* &* +@all (~b:* +get)"),
                        new SavedAccess("custom-default", "default", "off ~* +@all")), LOCKED_AT);

        String json = TaskJson.write(record);

        assertThat(json).contains("\"strategy\":\"elasticache-rbac\"");
        assertThat(TaskJson.read(json, LockRecord.class)).isEqualTo(record);
    }

    @Test
    void aFenceRecordComesBackAsItWasStoredWithItsStrategy() {
        FenceLockRecord record = new FenceLockRecord("rg", List.of("sg-app", "sg-admin"), List.of("sg-fence"),
                LOCKED_AT);

        String json = TaskJson.write(record);

        assertThat(json).contains("\"strategy\":\"network-fence\"");
        assertThat(TaskJson.read(json, LockRecord.class)).isEqualTo(record);
    }

    @Test
    void aClusterAclRecordComesBackWithEachNodesRules() {
        AclLockRecord record = new AclLockRecord("redis-migrate-t1", List.of(), LOCKED_AT, Map.of(
                "127.0.0.1:7000", List.of("user default on nopass ~* &* +@all"),
                "127.0.0.1:7001", List.of("user default on nopass ~* &* +@all", "user app on #ab ~* +@all")));

        String json = TaskJson.write(record);

        assertThat(TaskJson.read(json, LockRecord.class)).isEqualTo(record);
        assertThat(((AclLockRecord) TaskJson.read(json, LockRecord.class)).cluster()).isTrue();
    }

    @Test
    void anAclRecordStoredBeforeClustersReadsAsTheLockOfOneServer() {
        String stored = "{\"migrationUser\":\"redis-migrate-t1\",\"savedAclRules\":[\"user default on nopass ~* &* +@all\"],"
                + "\"lockedAt\":\"2026-12-06T13:00:00Z\"}";

        LockRecord read = TaskJson.read(stored, LockRecord.class);

        assertThat(read).isEqualTo(new AclLockRecord("redis-migrate-t1", List.of("user default on nopass ~* &* +@all"),
                LOCKED_AT));
        assertThat(((AclLockRecord) read).cluster()).isFalse();
    }
}
