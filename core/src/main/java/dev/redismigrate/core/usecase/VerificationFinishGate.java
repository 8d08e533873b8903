package dev.redismigrate.core.usecase;

import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.verify.VerificationFailedException;
import dev.redismigrate.core.verify.VerificationReport;
import dev.redismigrate.core.verify.Verifier;
import dev.redismigrate.core.verify.VerifyMode;
import dev.redismigrate.core.verify.VerifyOptions;
import dev.redismigrate.core.verify.VerifyProgress;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The finish gate of a migration: the built-in verification of the task's source against its target. A verification
 * that cannot run (a server unreachable for a moment) refuses the finish too: the sync goes on, and the person
 * finishes again or forces it.
 */
public final class VerificationFinishGate implements FinishGate {
    private final Verifier verifier;
    private final VerifyOptions options;
    private final Consumer<VerifyProgress> progress;

    /** @param options usually {@link VerifyOptions#defaults()}: counts and sampled keys, redis-migrate's keys ignored */
    public VerificationFinishGate(Verifier verifier, VerifyOptions options, Consumer<VerifyProgress> progress) {
        this.verifier = verifier;
        this.options = options;
        this.progress = progress;
    }

    /**
     * {@code --verify MODE} and its equivalents: {@code none} (stop as soon as drained), or {@code counts},
     * {@code sample}, {@code full} over the default options.
     */
    public static FinishGate forMode(String mode, Verifier verifier) {
        return forMode(mode, verifier, progress -> { });
    }

    /** @param progress each step of the verification (the sync container's heartbeat) */
    public static FinishGate forMode(String mode, Verifier verifier, Consumer<VerifyProgress> progress) {
        if (mode.equalsIgnoreCase("none")) {
            return FinishGate.none();
        }
        return new VerificationFinishGate(verifier, VerifyOptions.defaults().withMode(VerifyMode.parse(mode)), progress);
    }

    @Override
    public Verdict check(MigrationTask task, Progress drained) {
        VerificationReport report;
        try {
            report = verifier.verify(task.source().endpoint(), task.target().endpoint(),
                    options.withKnownIgnoredKeys(checkpoints(task)), progress);
        } catch (VerificationFailedException e) {
            return new Verdict(false, "verification could not run: " + e.getMessage());
        }
        if (report.consistent()) {
            return Verdict.passed(report.summary());
        }
        return new Verdict(false, report.summary() + "; first: " + report.differences().get(0).line());
    }

    /**
     * The checkpoints the syncs keep on the target while they run (the task's, and one per shard of a cluster source,
     * {@code <task>/<shard id>}): looked up by name, not searched for.
     */
    private static List<String> checkpoints(MigrationTask task) {
        return Stream.concat(Stream.of(task.id()), task.syncs().stream().map(sync -> sync.syncKey(task.id())))
                .distinct().map(CheckpointKey::forTask).toList();
    }
}
