package dev.redismigrate.aws.store;

import static dev.redismigrate.aws.store.TaskTable.CREATED_AT;
import static dev.redismigrate.aws.store.TaskTable.ID;
import static dev.redismigrate.aws.store.TaskTable.KIND;
import static dev.redismigrate.aws.store.TaskTable.NAME;
import static dev.redismigrate.aws.store.TaskTable.PK;
import static dev.redismigrate.aws.store.TaskTable.PROGRESS_JSON;
import static dev.redismigrate.aws.store.TaskTable.SHARD_PROGRESS_PREFIX;
import static dev.redismigrate.aws.store.TaskTable.STATUS;
import static dev.redismigrate.aws.store.TaskTable.TARGET;
import static dev.redismigrate.aws.store.TaskTable.TASK_JSON;
import static dev.redismigrate.aws.store.TaskTable.TASK_KIND;
import static dev.redismigrate.aws.store.TaskTable.VERSION;
import static dev.redismigrate.aws.store.TaskTable.n;
import static dev.redismigrate.aws.store.TaskTable.s;
import static dev.redismigrate.aws.store.TaskTable.taskKey;

import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TaskConflictException;
import dev.redismigrate.core.task.TaskNotFoundException;
import dev.redismigrate.core.task.TaskStore;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Tasks in the DynamoDB table described by {@link TaskTable}. Every write is a single-item conditional write (no
 * transactions, so dynalite runs the same code): create only if the key is new, update only if the stored
 * {@code version} is the one read. Progress goes into its own attribute with no version condition, so the sync's
 * reports never conflict with a person's finish or cancel; with one sync container per shard, each shard's into an
 * attribute of its own ({@code progress#<shard id>}), so they never overwrite each other. Passwords are never stored: the task JSON holds only
 * references (Secrets Manager ARNs in the cloud).
 */
public final class DynamoDbTaskStore implements TaskStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbTaskStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public MigrationTask create(MigrationTask task) {
        MigrationTask stored = task.atVersion(1).withoutProgress();
        Map<String, AttributeValue> item = new HashMap<>(taskKey(task.id()));
        item.put(KIND, s(TASK_KIND));
        item.put(ID, s(task.id()));
        item.put(CREATED_AT, s(task.createdAt().toString()));
        item.putAll(searchableFields(stored));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK)));
        } catch (ConditionalCheckFailedException e) {
            throw new TaskConflictException("task " + task.id() + " exists already");
        }
        return stored;
    }

    @Override
    public Optional<MigrationTask> find(String id) {
        // the whole item: the shards' progress attributes are not known by name before it is read
        GetItemResponse response = dynamo.getItem(r -> r.tableName(table).key(taskKey(id)).consistentRead(true));
        return response.hasItem() && response.item().containsKey(TASK_JSON) ? Optional.of(read(response.item())) : Optional.empty();
    }

    @Override
    public List<MigrationTask> list() {
        return dynamo.scanPaginator(r -> r.tableName(table).consistentRead(true)
                        .filterExpression("#kind = :task").expressionAttributeNames(Map.of("#kind", KIND))
                        .expressionAttributeValues(Map.of(":task", s(TASK_KIND))))
                .items().stream()
                .map(DynamoDbTaskStore::read)
                .sorted(Comparator.comparing(MigrationTask::createdAt).reversed())
                .toList();
    }

    @Override
    public MigrationTask update(MigrationTask changed) {
        MigrationTask stored = changed.atVersion(changed.version() + 1).withoutProgress();
        Map<String, AttributeValue> values = new HashMap<>();
        searchableFields(stored).forEach((attribute, value) -> values.put(":" + attribute, value));
        values.put(":expected", n(changed.version()));
        try {
            dynamo.updateItem(r -> r.tableName(table).key(taskKey(changed.id()))
                    .updateExpression("SET #task = :task, #name = :name, #status = :status, #version = :version, #target = :target")
                    .conditionExpression("#version = :expected")
                    .expressionAttributeNames(Map.of("#task", TASK_JSON, "#name", NAME, "#status", STATUS,
                            "#version", VERSION, "#target", TARGET))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            throw whyNotWritten(changed);
        }
        return stored;
    }

    @Override
    public void saveProgress(String id, SyncShard sync, Progress progress) {
        String attribute = sync.whole() ? PROGRESS_JSON : SHARD_PROGRESS_PREFIX + sync.id();
        try {
            dynamo.updateItem(r -> r.tableName(table).key(taskKey(id))
                    .updateExpression("SET #progress = :progress")
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#progress", attribute, "#pk", PK))
                    .expressionAttributeValues(Map.of(":progress", s(TaskJson.write(progress)))));
        } catch (ConditionalCheckFailedException e) {
            throw new TaskNotFoundException("task " + id + " no longer exists");
        }
    }

    /** The attributes besides the key that change with the task; the same names serve as expression values. */
    private static Map<String, AttributeValue> searchableFields(MigrationTask task) {
        return Map.of(
                TASK_JSON, s(TaskJson.write(task)),
                NAME, s(task.name()),
                STATUS, s(task.status().name()),
                VERSION, n(task.version()),
                TARGET, s(task.target().endpoint().address()));
    }

    private RuntimeException whyNotWritten(MigrationTask changed) {
        GetItemResponse current = dynamo.getItem(r -> r.tableName(table).key(taskKey(changed.id())).consistentRead(true)
                .projectionExpression("#version").expressionAttributeNames(Map.of("#version", VERSION)));
        if (!current.hasItem() || !current.item().containsKey(VERSION)) {
            return new TaskNotFoundException("task " + changed.id() + " no longer exists");
        }
        return new TaskConflictException("task " + changed.id() + " was changed by someone else (version "
                + current.item().get(VERSION).n() + ", expected " + changed.version() + ")");
    }

    private static MigrationTask read(Map<String, AttributeValue> item) {
        MigrationTask task = TaskJson.readTask(item.get(TASK_JSON).s());
        AttributeValue whole = item.get(PROGRESS_JSON);
        Map<String, Progress> shards = new HashMap<>();
        item.forEach((attribute, value) -> {
            if (attribute.startsWith(SHARD_PROGRESS_PREFIX)) {
                shards.put(attribute.substring(SHARD_PROGRESS_PREFIX.length()), TaskJson.readProgress(value.s()));
            }
        });
        return task.withSyncProgress(whole == null ? null : TaskJson.readProgress(whole.s()), shards);
    }
}
