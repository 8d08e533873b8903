package dev.redismigrate.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.constructs.Construct;

/**
 * The task table: the same key as {@code dev.redismigrate.aws.store.TaskTable} (partition key {@value #PARTITION_KEY},
 * no sort key), on-demand, with point-in-time recovery, and a TTL attribute that lets DynamoDB delete finished tasks
 * some time after they end. The table outlives the stack: tasks are the record of what was migrated.
 */
final class TaskTableResource {
    static final String PARTITION_KEY = "pk";
    /** Epoch seconds after which DynamoDB may delete the item; set by the store when a task reaches a final status. */
    static final String TTL_ATTRIBUTE = "expiresAt";

    private TaskTableResource() {
    }

    static Table create(Construct scope, String id) {
        return Table.Builder.create(scope, id)
                .partitionKey(Attribute.builder().name(PARTITION_KEY).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .timeToLiveAttribute(TTL_ATTRIBUTE)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }
}
