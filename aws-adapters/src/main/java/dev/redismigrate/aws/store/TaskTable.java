package dev.redismigrate.aws.store;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The one DynamoDB table of the AWS shape: partition key {@code pk} (string), no sort key, on-demand billing. Four
 * kinds of item live in it:
 * <ul>
 *   <li>a task, {@code pk = task#ID}: the task as JSON ({@code task}) plus copies of the fields conditions and
 *       listings need ({@code version}, {@code status}, {@code name}, {@code target}, {@code createdAt}); its
 *       progress is a separate {@code progress} attribute that never touches the version (with one sync container
 *       per shard, one {@code progress#<shard id>} attribute per shard);</li>
 *   <li>a target claim, {@code pk = target#HOST:PORT}: {@code taskId} of the task migrating into it;</li>
 *   <li>the task token of a task's running sync, {@code pk = sync-token#<sync key>}: {@code runId} and {@code token}
 *       (DynamoDbSyncTokens);</li>
 *   <li>which run of a task's sync may sync, {@code pk = sync-lease#<sync key>}: {@code runId} and {@code heldUntil}
 *       (epoch milliseconds; DynamoDbSyncLease).</li>
 * </ul>
 * The CDK stack declares the same key; {@link #createRequest} is the definition tests create it from.
 */
public final class TaskTable {
    /** The environment variable that names the table in Lambda and in the sync container. */
    public static final String TABLE_ENV = "REDIS_MIGRATE_TABLE";

    static final String PK = "pk";
    static final String KIND = "kind";
    static final String TASK_KIND = "task";
    static final String CLAIM_KIND = "target-claim";
    static final String TASK_JSON = "task";
    static final String PROGRESS_JSON = "progress";
    /** A shard's progress attribute is this followed by the shard id. */
    static final String SHARD_PROGRESS_PREFIX = "progress#";
    static final String ID = "id";
    static final String NAME = "name";
    static final String STATUS = "status";
    static final String VERSION = "version";
    static final String TARGET = "target";
    static final String CREATED_AT = "createdAt";
    static final String TASK_ID = "taskId";
    static final String CLAIMED_AT = "claimedAt";
    static final String SYNC_TOKEN_KIND = "sync-token";
    static final String RUN_ID = "runId";
    static final String TOKEN = "token";
    static final String SYNC_LEASE_KIND = "sync-lease";
    static final String HELD_UNTIL = "heldUntil";
    /** The table's TTL attribute (epoch seconds), as the CDK stack declares it. */
    static final String EXPIRES_AT = "expiresAt";

    private TaskTable() {
    }

    public static CreateTableRequest createRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .attributeDefinitions(AttributeDefinition.builder().attributeName(PK).attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName(PK).keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .build();
    }

    static Map<String, AttributeValue> taskKey(String taskId) {
        return Map.of(PK, s("task#" + taskId));
    }

    static Map<String, AttributeValue> syncTokenKey(String taskId) {
        return Map.of(PK, s("sync-token#" + taskId));
    }

    static Map<String, AttributeValue> syncLeaseKey(String syncKey) {
        return Map.of(PK, s("sync-lease#" + syncKey));
    }

    static Map<String, AttributeValue> claimKey(String targetAddress) {
        return Map.of(PK, s("target#" + targetAddress));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
