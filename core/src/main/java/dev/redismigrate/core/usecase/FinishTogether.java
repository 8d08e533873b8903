package dev.redismigrate.core.usecase;

import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.FinishBarrier;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TaskConflictException;
import dev.redismigrate.core.task.TaskStore;
import java.time.Clock;
import java.util.function.Predicate;

/**
 * The finish barrier of a task with several syncs (one sync container per shard), asked by a drained shard whether it
 * may stop on FINISH. Each shard marks itself drained for the current FINISH request ({@link FinishBarrier}, on the
 * task: compare-and-set, and kept when a container starts again) and keeps syncing until every one of
 * {@link MigrationTask#syncs()} has. Then the first of them runs the finish gate once for the whole task, over the total
 * of their progress, and records a passed verdict, on which every shard stops (each when it is drained itself). A
 * refused verdict is a refused finish as for one sync: desired back to RUN, which ends the barrier. A forced finish
 * needs no gate: every shard stops once drained.
 */
final class FinishTogether {
    /** A refused verdict: back to RUN while {@code sameRequest} holds, and the reason as an event. */
    interface Refusal {
        void refuse(FinishGate.Verdict verdict, Progress drained, Predicate<MigrationTask> sameRequest);
    }

    private final TaskStore store;
    private final FinishGate gate;
    private final Clock clock;
    private final Refusal refusal;

    FinishTogether(TaskStore store, FinishGate gate, Clock clock, Refusal refusal) {
        this.store = store;
        this.gate = gate;
        this.clock = clock;
        this.refusal = refusal;
    }

    /** @param task as just read; its desired state is not CANCEL */
    boolean readyToStop(MigrationTask task, SyncShard sync, Progress drained) {
        if (task.forcedFinish()) {
            return true;
        }
        if (task.desired() != DesiredState.FINISH) {
            return false;
        }
        FinishBarrier barrier = task.finishBarrier();
        if (barrier != null && barrier.hasPassed()) {
            return true;
        }
        if (barrier == null || !barrier.hasDrained(sync)) {
            try {
                store.update(task.id(), t -> marked(t, sync));
            } catch (TaskConflictException e) {
                return false; // the others marked meanwhile, more often than the retries: again at the next report
            }
            task = store.find(task.id()).orElseThrow(); // with every sync's progress, which an update does not return
            barrier = task.finishBarrier();
        }
        boolean first = task.syncs().get(0).id().equals(sync.id());
        if (task.desired() != DesiredState.FINISH || barrier == null || !barrier.allDrained(task.syncs()) || !first) {
            return false;
        }
        return decide(task, barrier, drained);
    }

    /** The task with {@code sync} drained for its FINISH request (unchanged when it asks for something else now). */
    private MigrationTask marked(MigrationTask task, SyncShard sync) {
        if (task.desired() != DesiredState.FINISH) {
            return task;
        }
        FinishBarrier barrier = task.finishBarrier() == null ? FinishBarrier.open(clock.instant()) : task.finishBarrier();
        return barrier.hasDrained(sync) ? task : task.withFinishBarrier(barrier.drained(sync));
    }

    /** The first sync's gate, once for the whole task, over the total of every sync's progress as stored. */
    private boolean decide(MigrationTask task, FinishBarrier barrier, Progress drained) {
        FinishGate.Verdict verdict = gate.check(task, task.progress());
        Predicate<MigrationTask> sameRequest = t -> t.finishBarrier() != null
                && t.finishBarrier().openedAt().equals(barrier.openedAt());
        if (!verdict.pass()) {
            refusal.refuse(verdict, drained, sameRequest);
            return false;
        }
        try {
            MigrationTask recorded = store.update(task.id(), t -> t.desired() == DesiredState.FINISH && sameRequest.test(t)
                    ? t.withFinishBarrier(t.finishBarrier().passed(verdict.summary())) : t);
            return recorded.finishBarrier() != null && recorded.finishBarrier().hasPassed();
        } catch (TaskConflictException e) {
            return false;
        }
    }
}
