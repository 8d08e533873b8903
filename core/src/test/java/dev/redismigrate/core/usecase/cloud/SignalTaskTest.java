package dev.redismigrate.core.usecase.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.store.InMemoryTaskStore;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskStateException;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.usecase.RequestStop;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Finish and cancel in the cloud, over an in-memory store and recorded Step Functions calls. */
class SignalTaskTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final List<String> calls = new ArrayList<>();
    private final SignalTask signals = new SignalTask(new RequestStop(store, clock),
            new MigrationStarts(new RecordedExecutions(calls), clock));

    @Test
    void aCancelBeforeTheStartCancelsTheTaskAndStopsItsWaitingExecution() {
        MigrationTask task = store.update(created().id(), t -> t.moveTo(TaskStatus.VALIDATED, NOW)
                .toBuilder().scheduledStart(NOW.plus(Duration.ofHours(1))).build().start(NOW));

        SignalResult result = signals.signal(new SignalRequest(task.name(), SignalRequest.Action.CANCEL, false));

        assertThat(result.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(calls).containsExactly("stop mig-" + task.id());
    }

    @Test
    void aCancelOfASyncingTaskIsLeftToTheSyncAndStopsNoExecution() {
        MigrationTask task = syncing();

        SignalResult result = signals.signal(new SignalRequest(task.id(), SignalRequest.Action.CANCEL, false));

        assertThat(result.status()).isEqualTo(TaskStatus.SYNCING);
        assertThat(result.desired()).isEqualTo(DesiredState.CANCEL);
        assertThat(calls).isEmpty();
    }

    @Test
    void aFinishIsStoredAsTheTasksDesiredState() {
        MigrationTask task = syncing();

        SignalResult result = signals.signal(new SignalRequest(task.id(), SignalRequest.Action.FINISH, true));

        assertThat(result).isEqualTo(new SignalResult(task.id(), "orders", TaskStatus.SYNCING, DesiredState.FINISH));
        assertThat(store.resolve(task.id()).forcedFinish()).isTrue();
        assertThat(calls).isEmpty();
    }

    @Test
    void aFinishOfATaskThatIsNotSyncingAndASignalWithoutActionAreRefused() {
        MigrationTask task = created();

        assertThatThrownBy(() -> signals.signal(new SignalRequest(task.id(), SignalRequest.Action.FINISH, false)))
                .isInstanceOf(TaskStateException.class).hasMessageContaining("only a syncing task can be finished");
        assertThatThrownBy(() -> signals.signal(new SignalRequest(task.id(), null, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("\"action\" must be FINISH or CANCEL");
    }

    private MigrationTask created() {
        return store.create(MigrationTask.create("orders", SourceSpec.of(RedisEndpoint.of("src", 1)),
                TargetSpec.of(RedisEndpoint.of("dst", 2)), null, List.of(), NOW));
    }

    private MigrationTask syncing() {
        return store.update(created().id(), t -> t.moveTo(TaskStatus.VALIDATED, NOW).start(NOW)
                .moveTo(TaskStatus.SYNCING, NOW));
    }
}
