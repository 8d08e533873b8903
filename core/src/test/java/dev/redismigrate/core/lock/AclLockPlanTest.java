package dev.redismigrate.core.lock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AclLockPlanTest {
    private static final AclUser APP = AclUser.parse("user app on #ab ~app:* resetchannels -@all +@read +set");
    private static final AclUser WITH_SELECTOR = AclUser.parse("user sel on nopass ~* resetchannels -@all +get (~w* +set)");

    @Test
    void everyOtherUserLosesWritesAndTheCommandsThatCouldReplaceDataOrLiftTheLock() {
        assertThat(AclLockPlan.lockRules(AclDialect.REDIS_7_0, APP, false)).containsExactly(
                "-@write", "-replicaof", "-slaveof", "-debug", "-module", "-config", "-acl", "-failover");
        assertThat(AclLockPlan.lockRules(AclDialect.REDIS_6_0, APP, false)).doesNotContain("-failover");
    }

    @Test
    void selectorsAreClearedBecauseTheyWouldStillAllowWrites() {
        assertThat(AclLockPlan.lockRules(AclDialect.REDIS_7_0, WITH_SELECTOR, false)).endsWith("clearselectors");
    }

    @Test
    void theOperatorOnlyLosesWritesAndKeepsAclSoTheSameCredentialCanUnlock() {
        assertThat(AclLockPlan.lockRules(AclDialect.REDIS_6_2, APP, true)).containsExactly("-@write", "+acl");
        assertThat(AclLockPlan.lockRules(AclDialect.REDIS_7_0, WITH_SELECTOR, true))
                .containsExactly("-@write", "clearselectors", "+acl");
    }

    @Test
    void restoreStartsFromABlankUserTheServerUnderstands() {
        assertThat(AclLockPlan.restoreRules(AclDialect.REDIS_6_0, APP))
                .containsExactly("resetpass", "resetkeys", "off", "-@all", "on", "#ab", "~app:*", "resetchannels",
                        "-@all", "+@read", "+set");
        assertThat(AclLockPlan.restoreRules(AclDialect.REDIS_7_0, APP))
                .startsWith("resetpass", "resetkeys", "resetchannels", "clearselectors", "off", "-@all", "on")
                .doesNotContain("reset");
    }

    @Test
    void migrationUserMayDoEverythingAndChannelsOnlyWhereTheyExist() {
        assertThat(AclLockPlan.migrationUserRules(AclDialect.REDIS_6_2, "pw")).containsExactly(
                "reset", "on", "skip-sanitize-payload", ">pw", "allkeys", "allchannels", "allcommands");
        assertThat(AclLockPlan.migrationUserRules(AclDialect.REDIS_6_0, "pw")).containsExactly(
                "reset", "on", ">pw", "allkeys", "allcommands");
    }

    @Test
    void migrationUserIsNamedAfterTheTask() {
        assertThat(AclLockPlan.migrationUser("abc123")).isEqualTo("redis-migrate-abc123");
        assertThat(AclLockPlan.isMigrationUser("redis-migrate-other")).isTrue();
        assertThat(AclLockPlan.isMigrationUser("default")).isFalse();
    }

    @Test
    void dialectFollowsTheVersion() {
        assertThat(AclDialect.of(5, 0)).isNull();
        assertThat(AclDialect.of(6, 0)).isEqualTo(AclDialect.REDIS_6_0);
        assertThat(AclDialect.of(6, 2)).isEqualTo(AclDialect.REDIS_6_2);
        assertThat(AclDialect.of(7, 0)).isEqualTo(AclDialect.REDIS_7_0);
        assertThat(AclDialect.of(8, 0)).isEqualTo(AclDialect.REDIS_7_0);
    }

    @Test
    void theMigrationAccessStringOnElastiCacheNamesChannelsOnlyWhereTheEngineKnowsThem() {
        assertThat(AclLockPlan.migrationAccessString(AclDialect.REDIS_6_0)).isEqualTo("on ~* +@all");
        assertThat(AclLockPlan.migrationAccessString(AclDialect.REDIS_6_2)).isEqualTo("on ~* &* +@all");
        assertThat(AclLockPlan.migrationAccessString(AclDialect.REDIS_7_0)).isEqualTo("on ~* &* +@all");
    }
}
