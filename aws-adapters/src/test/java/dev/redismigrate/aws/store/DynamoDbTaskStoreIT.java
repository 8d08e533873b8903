package dev.redismigrate.aws.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.store.TaskStoreContract;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.FinishBarrier;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TaskNotFoundException;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

    @Test
    void eachShardsProgressIsAnAttributeOfItsOwnBesideTheWholeSourcesAsStoredBefore() {
        MigrationTask created = store.create(task("orders"));
        SyncShard shard = new SyncShard("0-5460", "10.0.0.1:7000", "0-5460");
        store.saveProgress(created.id(), Progress.starting(NOW));
        store.saveProgress(created.id(), shard, Progress.starting(NOW.plusSeconds(1)));

        Map<String, AttributeValue> item = dynalite.client()
                .getItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS("task#" + created.id())))).item();
        assertThat(TaskJson.readProgress(item.get("progress").s())).isEqualTo(Progress.starting(NOW));
        assertThat(TaskJson.readProgress(item.get("progress#0-5460").s())).isEqualTo(Progress.starting(NOW.plusSeconds(1)));
        assertThat(item.get("task").s()).doesNotContain("CONNECTING");
        assertThat(store.find(created.id()).orElseThrow().syncProgress()).containsOnlyKeys("0-5460");
    }

    @Test
    void shardsMarkingTheFinishBarrierAtOnceAllKeepTheirMark() throws Exception {
        MigrationTask created = store.create(task("orders"));
        store.update(created.withDesired(DesiredState.FINISH, false, NOW));
        List<SyncShard> shards = List.of(new SyncShard("0-5460", null, null), new SyncShard("5461-10922", null, null),
                new SyncShard("10923-16383", null, null));
        ExecutorService pool = Executors.newFixedThreadPool(shards.size());
        try {
            List<Future<MigrationTask>> marks = new ArrayList<>();
            for (SyncShard shard : shards) {
                marks.add(pool.submit(() -> store.update(created.id(), t -> t.withFinishBarrier(
                        (t.finishBarrier() == null ? FinishBarrier.open(NOW) : t.finishBarrier()).drained(shard)))));
            }
            for (Future<MigrationTask> mark : marks) {
                mark.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        FinishBarrier barrier = store.find(created.id()).orElseThrow().finishBarrier();
        assertThat(barrier.allDrained(shards)).isTrue();
        assertThat(barrier.hasPassed()).isFalse();
    }
}
