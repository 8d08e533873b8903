package dev.redismigrate.aws.store;

import static dev.redismigrate.aws.store.TaskTable.EXPIRES_AT;
import static dev.redismigrate.aws.store.TaskTable.KIND;
import static dev.redismigrate.aws.store.TaskTable.RUN_ID;
import static dev.redismigrate.aws.store.TaskTable.SYNC_TOKEN_KIND;
import static dev.redismigrate.aws.store.TaskTable.TOKEN;
import static dev.redismigrate.aws.store.TaskTable.n;
import static dev.redismigrate.aws.store.TaskTable.s;
import static dev.redismigrate.aws.store.TaskTable.syncTokenKey;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * {@link SyncTokens} in the task table: one item per task ({@code pk = sync-token#ID}), overwritten by each run, read
 * with a consistent read, and removed by the table's TTL ({@code expiresAt}) after the longest a RunSync state waits. Apart from the task item, so that task reads and listings never carry the token. Only the
 * start-sync function and the sync container's role reach it (the table's item calls).
 */
public final class DynamoDbSyncTokens implements SyncTokens {
    /** The RunSync state's TimeoutSeconds (14 days), and a day to spare: the token is worthless after it. */
    private static final Duration KEEP = Duration.ofDays(15);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoDbSyncTokens(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public void store(String taskId, String runId, String token) {
        Map<String, AttributeValue> item = new HashMap<>(syncTokenKey(taskId));
        item.put(KIND, s(SYNC_TOKEN_KIND));
        item.put(RUN_ID, s(runId));
        item.put(TOKEN, s(token));
        item.put(EXPIRES_AT, n(clock.instant().plus(KEEP).getEpochSecond()));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    @Override
    public Optional<String> token(String taskId, String runId) {
        GetItemResponse response = dynamo.getItem(r -> r.tableName(table).key(syncTokenKey(taskId)).consistentRead(true));
        if (!response.hasItem() || !response.item().containsKey(TOKEN)
                || !runId.equals(response.item().get(RUN_ID).s())) {
            return Optional.empty();
        }
        return Optional.of(response.item().get(TOKEN).s());
    }
}
