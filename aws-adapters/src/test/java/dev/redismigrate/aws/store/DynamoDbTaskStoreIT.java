package dev.redismigrate.aws.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.store.TaskStoreContract;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskNotFoundException;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The store contract against dynalite, plus what is particular to the DynamoDB layout. */
class DynamoDbTaskStoreIT extends TaskStoreContract {
    @RegisterExtension
    static final Dynalite dynalite = new Dynalite();

    private String table;

    @Override
    protected TaskStore newStore() {
        table = dynalite.newTable();
        return new DynamoDbTaskStore(dynalite.client(), table);
    }

    @Override
    protected Stream<String> persistedText() {
        return dynalite.client().scanPaginator(r -> r.tableName(table)).items().stream().map(Map::toString);
    }

    @Test
    void keepsTheFieldsConditionsAndListingsNeedBesideTheJson() {
        MigrationTask created = store.create(task("orders"));
        store.update(created.moveTo(TaskStatus.VALIDATED, NOW));
        Map<String, AttributeValue> item = dynalite.client()
                .getItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS("task#" + created.id())))).item();
        assertThat(item.get("version").n()).isEqualTo("2");
        assertThat(item.get("status").s()).isEqualTo("VALIDATED");
        assertThat(item.get("name").s()).isEqualTo("orders");
        assertThat(item.get("target").s()).isEqualTo("dst:6380");
        assertThat(item.get("kind").s()).isEqualTo("task");
    }

    @Test
    void progressForAMissingTaskCreatesNoItem() {
        assertThatThrownBy(() -> store.saveProgress("gone", Progress.starting(NOW))).isInstanceOf(TaskNotFoundException.class);
        assertThat(store.list()).isEmpty();
        assertThat(store.find("gone")).isEmpty();
    }

    @Test
    void claimsShareTheTableWithoutShowingUpAsTasks() {
        store.create(task("orders"));
        new DynamoDbTargetClaim(dynalite.client(), table, java.time.Clock.systemUTC()).claim("dst:6380", "some-task");
        assertThat(store.list()).extracting(MigrationTask::name).containsExactly("orders");
    }
}
