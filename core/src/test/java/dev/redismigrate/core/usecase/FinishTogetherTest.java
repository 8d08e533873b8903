package dev.redismigrate.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.SyncRunner;
import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.core.store.InMemoryTaskStore;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskSummary;
import dev.redismigrate.core.validation.ValidationReport;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The finish barrier of a task with three syncs (one container per shard), each container's engine stood in for by the
 * control and progress {@link RunSync} hands it, driven step by step.
 */
@Timeout(30)
class FinishTogetherTest {
    private static final Instant NOW = Instant.parse("2026-12-06T22:00:00Z");
    private static final SyncShard A = new SyncShard("0-5460", "10.0.0.1:7000", "0-5460");
    private static final SyncShard B = new SyncShard("5461-10922", "10.0.0.2:7000", "5461-10922");
    private static final SyncShard C = new SyncShard("10923-16383", "10.0.0.3:7000", "10923-16383");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final RequestStop stop = new RequestStop(store, clock);
    /** The verdicts the gate gives, in turn; the totals it was asked with. */
    private final List<FinishGate.Verdict> verdicts = new ArrayList<>();
    private final List<Progress> gateSaw = new ArrayList<>();
    private final FinishGate gate = (task, drained) -> {
        gateSaw.add(drained);
        return verdicts.isEmpty() ? FinishGate.Verdict.passed("consistent") : verdicts.remove(0);
    };
    private final Map<SyncShard, Container> containers = new HashMap<>();
    private MigrationTask task;

    @BeforeEach
    void syncingTaskWithThreeShards() {
        MigrationTask created = store.create(MigrationTask.create("orders", SourceSpec.of(RedisEndpoint.of("src", 7000)),
                TargetSpec.of(RedisEndpoint.of("dst", 6379)), null, List.of(), NOW));
        store.update(created.id(), t -> t.withValidation(new ValidationReport(NOW, List.of(), null, null,
                List.of(A, B, C)), NOW));
        for (TaskStatus next : List.of(TaskStatus.VALIDATED, TaskStatus.VALIDATING, TaskStatus.SYNCING)) {
            store.update(created.id(), t -> t.moveTo(next, NOW));
        }
        task = store.find(created.id()).orElseThrow();
        for (SyncShard shard : List.of(A, B, C)) {
            containers.put(shard, start(shard));
        }
    }

    @Test
    void theShardsStopTogetherOnceTheFirstPassedTheGateOnceForTheWholeTask() {
        stop.finish(task.id(), false);

        assertThat(drained(B)).as("A and C have not drained").isFalse();
        assertThat(drained(A)).as("C has not drained").isFalse();
        assertThat(drained(C)).as("all drained, but the first shard decides").isFalse();
        assertThat(gateSaw).isEmpty();
        assertThat(drained(B)).as("no verdict yet").isFalse();

        assertThat(drained(A)).isTrue();
        assertThat(drained(B)).isTrue();
        assertThat(drained(C)).isTrue();
        assertThat(gateSaw).as("once, over the total of the three").singleElement()
                .satisfies(total -> assertThat(total.sourceKeys()).isEqualTo(Map.of(0, new DbKeyCount(30, 0))));
        assertThat(store.find(task.id()).orElseThrow().finishBarrier().passed()).isEqualTo("consistent");
    }

    @Test
    void aRefusedVerdictSendsEveryShardBackToRunAndASecondFinishWorks() {
        verdicts.add(new FinishGate.Verdict(false, "2 keys differ"));
        stop.finish(task.id(), false);
        drained(B);
        drained(C);

        assertThat(drained(A)).isFalse();
        MigrationTask refused = store.find(task.id()).orElseThrow();
        assertThat(refused.desired()).isEqualTo(DesiredState.RUN);
        assertThat(refused.finishBarrier()).as("the marks went with the request").isNull();
        assertThat(refused.progress().lastEvent().kind()).isEqualTo("finish-refused");
        assertThat(refused.progress().lastEvent().reason()).contains("2 keys differ");
        assertThat(drained(B)).as("no longer asked to finish").isFalse();
        assertThat(store.find(task.id()).orElseThrow().finishBarrier()).as("and marks nothing").isNull();

        stop.finish(task.id(), false);
        assertThat(drained(A)).as("B and C drained for the first request only").isFalse();
        drained(B);
        drained(C);
        assertThat(drained(A)).isTrue();
        assertThat(drained(C)).isTrue();
        assertThat(drained(B)).isTrue();
        assertThat(gateSaw).hasSize(2);
    }

    @Test
    void aNewFinishRequestStartsTheMarksAgainButKeepsAPassedVerdict() {
        stop.finish(task.id(), false);
        drained(A);
        drained(B);
        stop.finish(task.id(), false);
        drained(C);
        assertThat(drained(A)).as("B's mark was for the earlier request").isFalse();
        drained(B);
        assertThat(drained(A)).isTrue();

        stop.finish(task.id(), false);
        assertThat(drained(B)).as("A stopped on the verdict; the others follow it").isTrue();
        assertThat(drained(C)).isTrue();
    }

    @Test
    void aCancelStopsEveryShardWhateverTheBarrierHolds() {
        stop.finish(task.id(), false);
        drained(A);
        drained(B);
        stop.cancel(task.id());

        for (SyncShard shard : List.of(A, B, C)) {
            assertThat(containers.get(shard).control.desired()).isEqualTo(DesiredState.CANCEL);
            assertThat(drained(shard)).isTrue();
        }
        assertThat(gateSaw).isEmpty();
        assertThat(store.find(task.id()).orElseThrow().finishBarrier()).isNull();
    }

    @Test
    void aForcedFinishSkipsTheGateForEveryShard() {
        stop.finish(task.id(), true);

        assertThat(drained(C)).isTrue();
        assertThat(drained(B)).isTrue();
        assertThat(drained(A)).isTrue();
        assertThat(gateSaw).isEmpty();
    }

    @Test
    void aContainerStartedAgainMidBarrierResumesItsShardAndFinishesWithTheOthers() {
        stop.finish(task.id(), false);
        drained(A);
        drained(B);
        containers.put(B, start(B));
        assertThat(containers.get(B).request.resumed()).as("B saved progress before").isTrue();

        drained(C);
        assertThat(drained(A)).as("B's mark outlived its container").isTrue();
        new RecordOutcome(store, clock).finishing(task.id());

        containers.put(C, start(C));
        assertThat(containers.get(C).request.shard()).isEqualTo(C);
        assertThat(drained(C)).as("a FINISHING task's shard still stops on the verdict").isTrue();
        assertThat(drained(B)).isTrue();
        assertThat(gateSaw).hasSize(1);
    }

    @Test
    void aTaskResumedAfterAVerdictPassedDecidesAgain() {
        stop.finish(task.id(), false);
        drained(B);
        drained(C);
        assertThat(drained(A)).isTrue();
        store.update(task.id(), t -> t.failed("shard 5461-10922 gave up", NOW));
        store.update(task.id(), t -> t.resume(NOW));

        assertThat(store.find(task.id()).orElseThrow().finishBarrier()).isNull();
        assertThat(drained(B)).as("the verdict was for the run before").isFalse();
    }

    @Test
    void shardsMarkingAtOnceAllGetTheirMark() throws Exception {
        stop.finish(task.id(), false);
        List<CompletableFuture<Boolean>> marking = new ArrayList<>();
        for (SyncShard shard : List.of(C, B, C, B)) {
            marking.add(CompletableFuture.supplyAsync(() -> drained(shard)));
        }
        for (CompletableFuture<Boolean> mark : marking) {
            assertThat(mark.get(20, TimeUnit.SECONDS)).isFalse();
        }
        assertThat(store.find(task.id()).orElseThrow().finishBarrier().drained())
                .containsExactlyInAnyOrder(B.id(), C.id());
        assertThat(drained(A)).isTrue();
    }

    /** What RunSync gave a shard's engine: its request, control and progress. */
    private record Container(SyncRunner.Request request, SyncRunner.Control control, Consumer<Progress> progress) {
    }

    private Container start(SyncShard shard) {
        List<Container> handed = new ArrayList<>();
        SyncRunner engine = (request, control, progress) -> {
            handed.add(new Container(request, control, progress));
            return new SyncRunner.Result(DesiredState.RUN, new TaskSummary(0, 0, 0, Map.of(), Map.of()));
        };
        new RunSync(store, engine, gate, clock).run(task.id(), shard, RedisEndpoint.of("dst", 6379), p -> { });
        return handed.get(0);
    }

    /** The shard's engine reports itself drained and asks whether it may stop, as the engine does. */
    private boolean drained(SyncShard shard) {
        Container container = containers.get(shard);
        Progress report = new Progress(NOW, SyncPhase.DRAINING, 10, 10, 10, 0, 10, 100, 100, 0, 0, 0,
                Map.of(0, new DbKeyCount(10, 0)), Map.of(0, new DbKeyCount(30, 0)), "r", NOW, null, null);
        container.progress().accept(report);
        return container.control().readyToStop(report);
    }
}
