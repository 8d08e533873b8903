package dev.redismigrate.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.port.TargetClaimedException;
import dev.redismigrate.core.port.TargetLock;
import dev.redismigrate.core.port.TargetLocks;
import dev.redismigrate.core.retry.Backoff;
import dev.redismigrate.core.retry.Retry;
import dev.redismigrate.core.store.InMemoryTargetClaim;
import dev.redismigrate.core.store.InMemoryTaskStore;
import dev.redismigrate.core.task.AclLockRecord;
import dev.redismigrate.core.task.LockRecord;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskNotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LockUseCasesTest {
    private static final Retry NO_WAIT = new Retry(Backoff.API, 3, pause -> { });
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final RedisEndpoint TARGET = RedisEndpoint.of("dst", 6380);

    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final InMemoryTargetClaim claims = new InMemoryTargetClaim();
    private final MigrationTask task = store.create(MigrationTask.create("orders",
            SourceSpec.of(RedisEndpoint.of("src", 6379)), TargetSpec.of(TARGET), null, List.of(), NOW));

    /** Locks in memory; at lock time it looks at what the task holds, as a crash right then would leave it. */
    private class FakeLock implements TargetLock {
        final List<String> calls = new ArrayList<>();
        boolean hasAcl = true;
        LockRecord storedWhenLocking;

        @Override
        public LockRecord prepare(TargetSpec target, String taskId) {
            calls.add("prepare");
            return hasAcl ? new AclLockRecord("redis-migrate-" + taskId, List.of("user default on nopass ~* &* +@all"), NOW) : null;
        }

        @Override
        public Grant lock(TargetSpec target, LockRecord record) {
            calls.add("lock");
            storedWhenLocking = store.find(task.id()).orElseThrow().lock();
            return record == null ? new Grant(null, target.endpoint()) : grant(target, record);
        }

        @Override
        public Grant regrant(TargetSpec target, LockRecord record, SyncShard sync) {
            calls.add(sync.whole() ? "regrant" : "regrant " + sync.id());
            return record == null ? new Grant(null, target.endpoint()) : grant(target, record);
        }

        @Override
        public void unlock(TargetSpec target, LockRecord record) {
            calls.add("unlock");
        }

        private Grant grant(TargetSpec target, LockRecord record) {
            return new Grant(record, new RedisEndpoint(target.endpoint().host(), target.endpoint().port(), false,
                    record.migrationUser(), new SecretRef.ProcessOnly("fresh")));
        }
    }

    private final FakeLock fake = new FakeLock();

    @Test
    void theRecordIsStoredBeforeAnyRuleChanges() {
        TargetLock.Grant grant = new LockTarget(store, TargetLocks.aclOnly(fake), claims, CLOCK).lock(task.id());

        assertThat(fake.calls).containsExactly("prepare", "lock");
        assertThat(fake.storedWhenLocking).isNotNull();
        assertThat(fake.storedWhenLocking.migrationUser()).isEqualTo("redis-migrate-" + task.id());
        assertThat(store.find(task.id()).orElseThrow().lock()).isEqualTo(grant.record());
        assertThat(grant.writer().username()).isEqualTo("redis-migrate-" + task.id());
    }

    @Test
    void aRetryLocksFromTheStoredRecordWithoutReadingTheRulesAgain() {
        new LockTarget(store, TargetLocks.aclOnly(fake), claims, CLOCK).lock(task.id());
        LockRecord first = store.find(task.id()).orElseThrow().lock();
        fake.calls.clear();

        TargetLock.Grant again = new LockTarget(store, TargetLocks.aclOnly(fake), claims, CLOCK).lock(task.id());

        assertThat(fake.calls).containsExactly("lock");
        assertThat(again.record()).isEqualTo(first);
    }

    @Test
    void aTargetWithoutAclIsUsedAsItIsAndNothingIsStored() {
        fake.hasAcl = false;

        TargetLock.Grant grant = new LockTarget(store, TargetLocks.aclOnly(fake), claims, CLOCK).lock(task.id());

        assertThat(grant.record()).isNull();
        assertThat(grant.writer()).isEqualTo(TARGET);
        assertThat(store.find(task.id()).orElseThrow().lock()).isNull();
    }

    @Test
    void unlockClearsTheRecordAndASecondUnlockDoesNothing() {
        new LockTarget(store, TargetLocks.aclOnly(fake), claims, CLOCK).lock(task.id());
        UnlockTarget unlock = new UnlockTarget(store, TargetLocks.aclOnly(fake), claims, NO_WAIT, CLOCK);

        unlock.unlock(task.id());
        unlock.unlock(task.id());

        assertThat(fake.calls).containsExactly("prepare", "lock", "unlock");
        assertThat(store.find(task.id()).orElseThrow().lock()).isNull();
    }

    @Test
    void aFailedUnlockKeepsTheRecordForTheNextAttempt() {
        new LockTarget(store, TargetLocks.aclOnly(fake), claims, CLOCK).lock(task.id());
        TargetLock failing = new FakeLock() {
            @Override
            public void unlock(TargetSpec target, LockRecord record) {
                throw new IllegalStateException("target unreachable");
            }
        };

        assertThatThrownBy(() -> new UnlockTarget(store, TargetLocks.aclOnly(failing), claims, NO_WAIT, CLOCK).unlock(task.id()))
                .hasMessage("target unreachable");
        assertThat(store.find(task.id()).orElseThrow().lock()).isNotNull();
    }

    @Test
    void regrantGivesAFreshCredentialAndLeavesTheTaskAlone() {
        new LockTarget(store, TargetLocks.aclOnly(fake), claims, CLOCK).lock(task.id());
        long version = store.find(task.id()).orElseThrow().version();

        TargetLock.Grant grant = new RegrantTarget(store, TargetLocks.aclOnly(fake)).regrant(task.id());

        assertThat(grant.writer().username()).isEqualTo("redis-migrate-" + task.id());
        assertThat(store.find(task.id()).orElseThrow().version()).isEqualTo(version);
    }

    @Test
    void aShardsRegrantAsksTheLockForThatShardsCredential() {
        new LockTarget(store, TargetLocks.aclOnly(fake), claims, CLOCK).lock(task.id());
        RegrantTarget regrant = new RegrantTarget(store, TargetLocks.aclOnly(fake));

        regrant.regrant(task.id(), new SyncShard("0-5460", "n:1", "0-5460"));
        regrant.regrant(task.id());

        assertThat(fake.calls).endsWith("regrant 0-5460", "regrant");
    }

    @Test
    void lockingClaimsTheTargetAndUnlockingGivesTheClaimUp() {
        new LockTarget(store, TargetLocks.aclOnly(fake), claims, CLOCK).lock(task.id());
        assertThat(claims.holder(TARGET.address())).contains(task.id());

        new UnlockTarget(store, TargetLocks.aclOnly(fake), claims, NO_WAIT, CLOCK).unlock(task.id());

        assertThat(claims.holder(TARGET.address())).isEmpty();
    }

    @Test
    void aTargetClaimedByAnotherTaskIsNeitherReadNorLocked() {
        claims.claim(TARGET.address(), "other");

        assertThatThrownBy(() -> new LockTarget(store, TargetLocks.aclOnly(fake), claims, CLOCK).lock(task.id()))
                .isInstanceOf(TargetClaimedException.class).hasMessageContaining("in use by task other");
        new UnlockTarget(store, TargetLocks.aclOnly(fake), claims, NO_WAIT, CLOCK).unlock(task.id());

        assertThat(fake.calls).isEmpty();
        assertThat(claims.holder(TARGET.address())).as("another task's claim stays").contains("other");
    }

    @Test
    void aFailedUnlockKeepsTheClaim() {
        new LockTarget(store, TargetLocks.aclOnly(fake), claims, CLOCK).lock(task.id());
        TargetLock failing = new FakeLock() {
            @Override
            public void unlock(TargetSpec target, LockRecord record) {
                throw new IllegalStateException("target unreachable");
            }
        };

        assertThatThrownBy(() -> new UnlockTarget(store, TargetLocks.aclOnly(failing), claims, NO_WAIT, CLOCK).unlock(task.id()));

        assertThat(claims.holder(TARGET.address())).contains(task.id());
    }

    @Test
    void aTargetWithoutAclIsStillClaimedAndReleased() {
        fake.hasAcl = false;
        new LockTarget(store, TargetLocks.aclOnly(fake), claims, CLOCK).lock(task.id());
        assertThat(claims.holder(TARGET.address())).contains(task.id());

        new UnlockTarget(store, TargetLocks.aclOnly(fake), claims, NO_WAIT, CLOCK).unlock(task.id());

        assertThat(claims.holder(TARGET.address())).isEmpty();
    }

    @Test
    void anUnknownTaskIsOneClearError() {
        assertThatThrownBy(() -> new LockTarget(store, TargetLocks.aclOnly(fake), claims, CLOCK).lock("nosuchtask"))
                .isInstanceOf(TaskNotFoundException.class).hasMessageContaining("nosuchtask");
    }
}
