package dev.redismigrate.core.usecase;

import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.task.MigrationTask;

/**
 * Decides whether a drained sync may stop on FINISH: the built-in verification of source against target. With one sync
 * container per shard it is asked once for the whole task, by the first shard, with the total of the shards' progress
 * ({@link FinishTogether}).
 */
public interface FinishGate {
    record Verdict(boolean pass, String summary) {
        public static Verdict passed(String summary) {
            return new Verdict(true, summary);
        }
    }

    Verdict check(MigrationTask task, Progress drained);

    /** No verification: stop as soon as drained. */
    static FinishGate none() {
        return (task, drained) -> Verdict.passed("not verified");
    }
}
