package dev.redismigrate.aws.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The sync token item against dynalite: one run's token, replaced by the next run's, expiring with the table's TTL. */
@Timeout(60)
class DynamoDbSyncTokensIT {
    @RegisterExtension
    static final Dynalite dynalite = new Dynalite();

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private final String table = dynalite.newTable();
    private final SyncTokens tokens = new DynamoDbSyncTokens(dynalite.client(), table, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aRunFindsItsTokenUntilALaterRunReplacesIt() {
        tokens.store("k3xq7m2p9c4a", "run-1", "token-1");
        assertThat(tokens.token("k3xq7m2p9c4a", "run-1")).contains("token-1");

        tokens.store("k3xq7m2p9c4a", "run-2", "token-2");
        assertThat(tokens.token("k3xq7m2p9c4a", "run-1")).as("the superseded run").isEmpty();
        assertThat(tokens.token("k3xq7m2p9c4a", "run-2")).contains("token-2");
        assertThat(tokens.token("other-task", "run-2")).isEmpty();
    }

    @Test
    void theTokenLivesApartFromTheTaskAndExpiresAfterTheLongestSync() {
        tokens.store("k3xq7m2p9c4a", "run-1", "token-1");
        Map<String, AttributeValue> item = dynalite.client()
                .getItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS("sync-token#k3xq7m2p9c4a")))).item();
        assertThat(item.get("kind").s()).isEqualTo("sync-token");
        assertThat(Long.parseLong(item.get("expiresAt").n())).isEqualTo(NOW.plusSeconds(15 * 24 * 3600).getEpochSecond());
        assertThat(new DynamoDbTaskStore(dynalite.client(), table).list()).isEmpty();
    }
}
