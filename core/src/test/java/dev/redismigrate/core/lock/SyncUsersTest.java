package dev.redismigrate.core.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.task.SyncShard;
import org.junit.jupiter.api.Test;

class SyncUsersTest {
    private static final String MIGRATION_USER = AclLockPlan.migrationUser("k3xq7m2p9c4a");

    @Test
    void theWholeSourceWritesAsTheMigrationUser() {
        assertThat(SyncUsers.of(MIGRATION_USER, SyncShard.WHOLE)).isEqualTo(MIGRATION_USER);
    }

    @Test
    void aShardWritesAsAUserNamedAfterTheMigrationUserAndItsSlotRange() {
        assertThat(SyncUsers.of(MIGRATION_USER, shard("0-5460"))).isEqualTo("redis-migrate-k3xq7m2p9c4a-0-5460");
        assertThat(SyncUsers.of(MIGRATION_USER, shard("16383"))).isEqualTo("redis-migrate-k3xq7m2p9c4a-16383");
    }

    @Test
    void theLongestShardOfATaskStillFitsAnElastiCacheUserId() {
        String longest = SyncUsers.of(AclLockPlan.migrationUser("zzzzzzzzzzzz"), shard("10923-16383"));

        assertThat(longest).hasSizeLessThanOrEqualTo(40).matches("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    }

    @Test
    void aNameElastiCacheWouldRefuseIsRefusedBeforeAnythingIsMade() {
        assertThatThrownBy(() -> SyncUsers.of(AclLockPlan.migrationUser("averyveryverylongtaskid1"), shard("0-5460")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 40 characters");
        assertThatThrownBy(() -> SyncUsers.of(AclLockPlan.migrationUser("Upper"), shard("0-5460")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower-case");
        assertThatThrownBy(() -> SyncUsers.of(MIGRATION_USER, shard("0 5460")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a slot range");
        assertThatThrownBy(() -> SyncUsers.of(MIGRATION_USER, shard("0-")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a slot range");
    }

    @Test
    void aShardsUserCountsAsAMigrationUserSoAnotherTaskCannotLockTheTarget() {
        assertThat(AclLockPlan.isMigrationUser(SyncUsers.of(MIGRATION_USER, shard("0-5460")))).isTrue();
    }

    @Test
    void theTasksUsersAreItsMigrationUserAndItsShardsUsersOnly() {
        assertThat(SyncUsers.isTaskUser(MIGRATION_USER, MIGRATION_USER)).isTrue();
        assertThat(SyncUsers.isTaskUser(MIGRATION_USER, MIGRATION_USER + "-5461-10922")).isTrue();
        assertThat(SyncUsers.isShardUser(MIGRATION_USER, MIGRATION_USER)).isFalse();
        assertThat(SyncUsers.isTaskUser(MIGRATION_USER, "redis-migrate-k3xq7m2p9c4b-0-5460")).isFalse();
        assertThat(SyncUsers.isTaskUser(MIGRATION_USER, MIGRATION_USER + "-probe")).isFalse();
        assertThat(SyncUsers.isTaskUser(MIGRATION_USER, MIGRATION_USER + "x-0-5460")).isFalse();
        assertThat(SyncUsers.isTaskUser(MIGRATION_USER, "app")).isFalse();
    }

    private static SyncShard shard(String id) {
        return new SyncShard(id, "10.0.0.1:6379", id);
    }
}
