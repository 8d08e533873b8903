package dev.redismigrate.aws.store;

import static dev.redismigrate.aws.store.TaskTable.CLAIMED_AT;
import static dev.redismigrate.aws.store.TaskTable.CLAIM_KIND;
import static dev.redismigrate.aws.store.TaskTable.KIND;
import static dev.redismigrate.aws.store.TaskTable.PK;
import static dev.redismigrate.aws.store.TaskTable.TASK_ID;
import static dev.redismigrate.aws.store.TaskTable.claimKey;
import static dev.redismigrate.aws.store.TaskTable.s;

import dev.redismigrate.core.port.TargetClaim;
import dev.redismigrate.core.port.TargetClaimedException;
import dev.redismigrate.core.retry.Retry;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One item per claimed target ({@code pk = target#HOST:PORT}) in the task table, written only if absent or already
 * held by the same task, and deleted only by its holder: two tasks can never both lock the same target.
 */
public final class DynamoDbTargetClaim implements TargetClaim {
    /** The holder released the claim between our refused write and our read: the next attempt may take it. */
    private static final class ReleasedMeanwhile extends RuntimeException {
        ReleasedMeanwhile() {
            super(null, null, false, false);
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoDbTargetClaim(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public void claim(String targetAddress, String taskId) {
        Map<String, AttributeValue> item = new HashMap<>(claimKey(targetAddress));
        item.put(KIND, s(CLAIM_KIND));
        item.put(TASK_ID, s(taskId));
        item.put(CLAIMED_AT, s(clock.instant().toString()));
        try {
            Retry.forConflicts().run(ReleasedMeanwhile.class::isInstance, () -> put(item, targetAddress, taskId));
        } catch (ReleasedMeanwhile e) {
            throw new TargetClaimedException(targetAddress, "(unknown)");
        }
    }

    private void put(Map<String, AttributeValue> item, String targetAddress, String taskId) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#pk) OR #taskId = :taskId")
                    .expressionAttributeNames(Map.of("#pk", PK, "#taskId", TASK_ID))
                    .expressionAttributeValues(Map.of(":taskId", s(taskId))));
        } catch (ConditionalCheckFailedException e) {
            Optional<String> holder = holder(targetAddress);
            if (holder.isPresent()) {
                throw new TargetClaimedException(targetAddress, holder.get());
            }
            throw new ReleasedMeanwhile();
        }
    }

    @Override
    public void release(String targetAddress, String taskId) {
        try {
            dynamo.deleteItem(r -> r.tableName(table).key(claimKey(targetAddress))
                    .conditionExpression("#taskId = :taskId")
                    .expressionAttributeNames(Map.of("#taskId", TASK_ID))
                    .expressionAttributeValues(Map.of(":taskId", s(taskId))));
        } catch (ConditionalCheckFailedException e) {
            // Not ours (or not there): nothing to release.
        }
    }

    @Override
    public Optional<String> holder(String targetAddress) {
        var response = dynamo.getItem(r -> r.tableName(table).key(claimKey(targetAddress)).consistentRead(true));
        return response.hasItem() && response.item().containsKey(TASK_ID)
                ? Optional.of(response.item().get(TASK_ID).s()) : Optional.empty();
    }
}
