package dev.redismigrate.aws.store;

import dev.redismigrate.aws.AwsClients;
import dev.redismigrate.core.store.TaskStoreContract;
import dev.redismigrate.core.task.TaskStore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The store contract against LocalStack's DynamoDB, for machines with Docker (disabled, not failed, without it).
 * dynalite runs the same contract everywhere; this one checks the store against a second implementation of the API.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackTaskStoreIT extends TaskStoreContract {
    private static final AtomicInteger TABLES = new AtomicInteger();

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer("localstack/localstack:4.14.0")
            .withServices("dynamodb");

    private static DynamoDbClient dynamo;

    @BeforeAll
    static void client() {
        dynamo = AwsClients.of(Region.of(LOCALSTACK.getRegion()), LOCALSTACK.getEndpoint(),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
                .build(DynamoDbClient.builder());
    }

    @AfterAll
    static void close() {
        if (dynamo != null) {
            dynamo.close();
        }
    }

    @Override
    protected TaskStore newStore() {
        String table = "tasks-" + TABLES.incrementAndGet();
        dynamo.createTable(TaskTable.createRequest(table));
        dynamo.waiter().waitUntilTableExists(r -> r.tableName(table));
        return new DynamoDbTaskStore(dynamo, table);
    }
}
