package dev.redismigrate.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.StatusEvents.StatusChange;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskConflictException;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The decorator keeps the store's contract, and announces exactly the status changes that were stored. */
class StatusAnnouncingTaskStoreTest extends TaskStoreContract {
    private final List<StatusChange> announced = new ArrayList<>();
    private final TaskStore announcing = new StatusAnnouncingTaskStore(new InMemoryTaskStore(), announced::add);

    @Override
    protected TaskStore newStore() {
        return new StatusAnnouncingTaskStore(new InMemoryTaskStore(), change -> { });
    }

    @Override
    protected Stream<String> persistedText() {
        return store.list().stream().map(TaskJson::write);
    }

    @Test
    void aNewTaskAndEachStatusChangeAreAnnouncedWithThePreviousStatus() {
        MigrationTask task = announcing.create(newTask());
        MigrationTask validated = announcing.update(task.moveTo(TaskStatus.VALIDATED, NOW));
        announcing.update(validated.moveTo(TaskStatus.VALIDATION_FAILED, NOW));

        assertThat(announced).extracting(StatusChange::taskId).containsOnly(task.id());
        assertThat(announced).extracting(StatusChange::name).containsOnly("orders");
        assertThat(announced).extracting(StatusChange::previousStatus, StatusChange::status).containsExactly(
                tuple(null, TaskStatus.CREATED),
                tuple(TaskStatus.CREATED, TaskStatus.VALIDATED),
                tuple(TaskStatus.VALIDATED, TaskStatus.VALIDATION_FAILED));
    }

    @Test
    void changesThatKeepTheStatusAndProgressAreNotAnnounced() {
        MigrationTask task = announcing.create(newTask());
        announced.clear();
        announcing.update(task.withSummary(null, NOW));
        announcing.saveProgress(task.id(), Progress.starting(NOW));
        assertThat(announced).isEmpty();
    }

    @Test
    void aChangeThatIsNotStoredIsNotAnnounced() {
        MigrationTask task = announcing.create(newTask());
        announcing.update(task.moveTo(TaskStatus.VALIDATED, NOW));
        announced.clear();
        assertThatThrownBy(() -> announcing.update(task.moveTo(TaskStatus.VALIDATED, NOW)))
                .isInstanceOf(TaskConflictException.class);
        assertThat(announced).isEmpty();
    }

    private static MigrationTask newTask() {
        return MigrationTask.create("orders", SourceSpec.of(RedisEndpoint.of("src", 6379)),
                TargetSpec.of(RedisEndpoint.of("dst", 6380)), null, List.of(), NOW);
    }
}
