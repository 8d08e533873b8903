package dev.redismigrate.aws.store;

import static dev.redismigrate.aws.store.TaskTable.EXPIRES_AT;
import static dev.redismigrate.aws.store.TaskTable.HELD_UNTIL;
import static dev.redismigrate.aws.store.TaskTable.KIND;
import static dev.redismigrate.aws.store.TaskTable.PK;
import static dev.redismigrate.aws.store.TaskTable.RUN_ID;
import static dev.redismigrate.aws.store.TaskTable.SYNC_LEASE_KIND;
import static dev.redismigrate.aws.store.TaskTable.n;
import static dev.redismigrate.aws.store.TaskTable.s;
import static dev.redismigrate.aws.store.TaskTable.syncLeaseKey;

import dev.redismigrate.core.port.SyncLease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link SyncLease} in the task table: one item per sync key ({@code pk = sync-lease#<sync key>}: {@code runId},
 * {@code heldUntil} in epoch milliseconds), written only under a condition, so two runs never both hold it. The table's TTL removes an
 * item a day after its lease ended.
 */
public final class DynamoDbSyncLease implements SyncLease {
    private static final Duration KEEP_AFTER_END = Duration.ofDays(1);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoDbSyncLease(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public boolean take(String syncKey, String runId, Duration ttl) {
        Instant now = clock.instant();
        return write(syncKey, runId, now.plus(ttl), "attribute_not_exists(#pk) OR #runId = :runId OR #heldUntil < :now",
                Map.of("#pk", PK, "#runId", RUN_ID, "#heldUntil", HELD_UNTIL),
                Map.of(":runId", s(runId), ":now", n(now.toEpochMilli())));
    }

    @Override
    public boolean renew(String syncKey, String runId, Duration ttl) {
        return write(syncKey, runId, clock.instant().plus(ttl), "#runId = :runId", Map.of("#runId", RUN_ID),
                Map.of(":runId", s(runId)));
    }

    @Override
    public void release(String syncKey, String runId) {
        try {
            dynamo.deleteItem(r -> r.tableName(table).key(syncLeaseKey(syncKey))
                    .conditionExpression("#runId = :runId")
                    .expressionAttributeNames(Map.of("#runId", RUN_ID))
                    .expressionAttributeValues(Map.of(":runId", s(runId))));
        } catch (ConditionalCheckFailedException e) {
            // Another run's lease, or none: nothing to give up.
        }
    }

    private boolean write(String syncKey, String runId, Instant until, String condition, Map<String, String> names,
                          Map<String, AttributeValue> values) {
        Map<String, AttributeValue> item = new HashMap<>(syncLeaseKey(syncKey));
        item.put(KIND, s(SYNC_LEASE_KIND));
        item.put(RUN_ID, s(runId));
        item.put(HELD_UNTIL, n(until.toEpochMilli()));
        item.put(EXPIRES_AT, n(until.plus(KEEP_AFTER_END).getEpochSecond()));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression(condition)
                    .expressionAttributeNames(names).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
