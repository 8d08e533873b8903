package dev.redismigrate.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.progress.CheckpointKey;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.validation.ValidationReport;
import dev.redismigrate.core.verify.Difference;
import dev.redismigrate.core.verify.DifferenceKind;
import dev.redismigrate.core.verify.DifferenceTally;
import dev.redismigrate.core.verify.VerificationFailedException;
import dev.redismigrate.core.verify.VerificationReport;
import dev.redismigrate.core.verify.Verifier;
import dev.redismigrate.core.verify.VerifyMode;
import dev.redismigrate.core.verify.VerifyOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerificationFinishGateTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private final MigrationTask task = MigrationTask.create("orders", SourceSpec.of(RedisEndpoint.of("src", 1)),
            TargetSpec.of(RedisEndpoint.of("dst", 2)), null, List.of(), NOW);
    private final List<RedisEndpoint> verified = new ArrayList<>();
    private final List<VerifyOptions> asked = new ArrayList<>();

    @Test
    void passesWhenSourceAndTargetAreEqual() {
        FinishGate.Verdict verdict = gate(report()).check(task, Progress.starting(NOW));

        assertThat(verdict.pass()).isTrue();
        assertThat(verdict.summary()).startsWith("EQUAL: no differences; sample mode");
        assertThat(verified).containsExactly(RedisEndpoint.of("src", 1), RedisEndpoint.of("dst", 2));
    }

    @Test
    void namesTheTasksCheckpointSoCountsLookItUpInsteadOfSearching() {
        gate(report()).check(task, Progress.starting(NOW));

        assertThat(asked).singleElement().satisfies(options -> assertThat(options.knownIgnoredKeys())
                .containsExactly(CheckpointKey.forTask(task.id())));
    }

    @Test
    void namesEveryShardsCheckpointOfAClusterSource() {
        MigrationTask sharded = task.withValidation(new ValidationReport(NOW, List.of(), null, null, List.of(
                new SyncShard("0-8191", "10.0.0.1:7000", "0-8191"),
                new SyncShard("8192-16383", "10.0.0.2:7000", "8192-16383"))), NOW);

        gate(report()).check(sharded, Progress.starting(NOW));

        assertThat(asked).singleElement().satisfies(options -> assertThat(options.knownIgnoredKeys()).containsExactly(
                CheckpointKey.forTask(task.id()), CheckpointKey.forTask(task.id() + "/0-8191"),
                CheckpointKey.forTask(task.id() + "/8192-16383")));
    }

    @Test
    void refusesWithTheSummaryAndTheFirstDifference() {
        FinishGate.Verdict verdict = gate(report(new Difference(0, "k", DifferenceKind.VALUE, "string differs")))
                .check(task, Progress.starting(NOW));

        assertThat(verdict.pass()).isFalse();
        assertThat(verdict.summary()).startsWith("DIFFERENT: 1 difference (1 value)")
                .endsWith("; first: db0 VALUE \"k\": string differs");
    }

    @Test
    void refusesWhenTheVerificationCannotRun() {
        Verifier unreachable = (source, target, options, progress) -> {
            throw new VerificationFailedException("cannot reach target redis://dst:2: Connection refused", null);
        };

        FinishGate.Verdict verdict = new VerificationFinishGate(unreachable, VerifyOptions.defaults(), p -> { })
                .check(task, Progress.starting(NOW));

        assertThat(verdict.pass()).isFalse();
        assertThat(verdict.summary()).isEqualTo("verification could not run: cannot reach target redis://dst:2: Connection refused");
    }

    private VerificationFinishGate gate(VerificationReport report) {
        Verifier verifier = (source, target, options, progress) -> {
            verified.add(source);
            verified.add(target);
            asked.add(options);
            return report;
        };
        return new VerificationFinishGate(verifier, VerifyOptions.defaults(), p -> { });
    }

    private static VerificationReport report(Difference... differences) {
        DifferenceTally tally = new DifferenceTally(100);
        for (Difference d : differences) {
            tally.add(d);
        }
        return tally.report(VerifyMode.SAMPLE, NOW, NOW, 1, 10, 0, Map.of(), Map.of());
    }
}
