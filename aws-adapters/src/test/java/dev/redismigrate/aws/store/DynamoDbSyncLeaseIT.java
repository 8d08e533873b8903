package dev.redismigrate.aws.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.MutableClock;
import dev.redismigrate.core.port.SyncLease;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The sync lease item against dynalite: one run holds it; another takes it only once it was released or expired. */
@Timeout(60)
class DynamoDbSyncLeaseIT {
    @RegisterExtension
    static final Dynalite dynalite = new Dynalite();

    private static final Duration TTL = Duration.ofSeconds(60);
    private final String table = dynalite.newTable();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final SyncLease lease = new DynamoDbSyncLease(dynalite.client(), table, clock);

    @Test
    void aLaterRunWaitsUntilTheHolderReleasedIt() {
        assertThat(lease.take("k3xq7m2p9c4a", "run-1", TTL)).isTrue();
        assertThat(lease.take("k3xq7m2p9c4a", "run-1", TTL)).as("taking it again is harmless").isTrue();
        assertThat(lease.take("k3xq7m2p9c4a", "run-2", TTL)).isFalse();
        assertThat(lease.take("other-task", "run-2", TTL)).as("another task's lease").isTrue();

        lease.release("k3xq7m2p9c4a", "run-2");
        assertThat(lease.renew("k3xq7m2p9c4a", "run-1", TTL)).as("only the holder releases").isTrue();
        lease.release("k3xq7m2p9c4a", "run-1");
        assertThat(lease.take("k3xq7m2p9c4a", "run-2", TTL)).isTrue();
        assertThat(lease.renew("k3xq7m2p9c4a", "run-1", TTL)).as("the earlier run lost it").isFalse();
    }

    @Test
    void aHolderThatStopsRenewingLosesItWhenItExpires() {
        assertThat(lease.take("k3xq7m2p9c4a", "run-1", TTL)).isTrue();
        clock.advance(TTL);
        assertThat(lease.take("k3xq7m2p9c4a", "run-2", TTL)).as("not before its end").isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(lease.take("k3xq7m2p9c4a", "run-2", TTL)).isTrue();
        assertThat(lease.renew("k3xq7m2p9c4a", "run-1", TTL)).isFalse();
    }

    @Test
    void theLeaseLivesApartFromTheTaskAndExpiresADayAfterItEnds() {
        lease.take("k3xq7m2p9c4a", "run-1", TTL);
        Map<String, AttributeValue> item = dynalite.client()
                .getItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS("sync-lease#k3xq7m2p9c4a")))).item();
        assertThat(item.get("kind").s()).isEqualTo("sync-lease");
        assertThat(item.get("runId").s()).isEqualTo("run-1");
        Instant until = clock.instant().plus(TTL);
        assertThat(Long.parseLong(item.get("heldUntil").n())).isEqualTo(until.toEpochMilli());
        assertThat(Long.parseLong(item.get("expiresAt").n())).isEqualTo(until.plus(Duration.ofDays(1)).getEpochSecond());
        assertThat(new DynamoDbTaskStore(dynalite.client(), table).list()).isEmpty();
    }

}
