package dev.redismigrate.cli;

import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncEvent;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.ParameterSetting;
import dev.redismigrate.core.task.TaskSummary;
import dev.redismigrate.core.validation.CheckLevel;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.ValidationReport;
import java.io.PrintWriter;

/** The human-readable form of one task, used by {@code status} and at the end of {@code migrate}. */
final class TaskPrinter {
    private TaskPrinter() {
    }

    /** A local task: a failed unlock is retried with {@code redis-migrate unlock}. */
    static void print(MigrationTask t, PrintWriter out) {
        print(t, out, LockView.LOCAL_UNLOCK);
    }

    /** @param unlockCommand the command that retries a failed unlock of this task (local or cloud) */
    static void print(MigrationTask t, PrintWriter out, String unlockCommand) {
        out.printf("task      %s (%s)%n", t.name(), t.id());
        out.printf("status    %s%s%n", t.status(), t.desired() == DesiredState.RUN ? "" : " (requested: " + t.desired() + ")");
        String stillLocked = LockView.stillLocked(t, unlockCommand);
        if (stillLocked != null) {
            out.printf("WARNING   %s%n", stillLocked);
        }
        out.printf("source    %s%n", t.source().endpoint().display());
        out.printf("target    %s%s%n", t.target().endpoint().display(),
                t.target().instanceId() == null ? "" : " (instance " + t.target().instanceId() + ")");
        if (t.scheduledStart() != null) {
            out.printf("start at  %s%n", t.scheduledStart());
        }
        for (ParameterSetting p : t.parameters()) {
            out.printf("param     %s = %s%s%n", p.name(), p.requested(),
                    p.previous() == null ? "" : " (was " + p.previous() + (p.applied() ? ", set now" : ", restored") + ")");
        }
        String lock = LockView.inForce(t);
        if (lock != null) {
            out.printf("lock      %s%n", lock);
        }
        if (t.lastValidation() != null) {
            printValidation(t.lastValidation(), out);
        }
        if (t.progress() != null) {
            printProgress(t.progress(), out);
            ShardLines.of(t).forEach(line -> out.printf("  %s%n", line));
        }
        if (t.failure() != null) {
            out.printf("cause     %s%n", t.failure());
        }
        if (t.forcedFinish()) {
            out.println("note      finished with --force: verification was not required to pass");
        }
        if (t.summary() != null) {
            printSummary(t.summary(), out);
        }
        out.flush();
    }

    /** The last report, how old the target's checkpoint was then, the last resume or resync, the last event. */
    static void printProgress(Progress p, PrintWriter out) {
        out.printf("progress  %s%n", ProgressView.render(p));
        if (p.checkpointAt() != null) {
            out.printf("checkpoint written %s, %s before the last report (%s)%n", p.checkpointAt(),
                    ProgressView.seconds(p.checkpointAgeMillis()), p.updatedAt());
        }
        if (p.lastResume() != null) {
            out.printf("resumed   %s%n", event(p.lastResume()));
        }
        if (p.lastEvent() != null && !p.lastEvent().equals(p.lastResume())) {
            out.printf("event     %s%n", event(p.lastEvent()));
        }
    }

    private static String event(SyncEvent e) {
        return e.kind() + ": " + e.reason() + " (" + e.at() + ")";
    }

    static void printValidation(ValidationReport report, PrintWriter out) {
        out.printf("validated %s: %d passed, %d warnings, %d errors, %d skipped%n", report.at(),
                report.count(CheckLevel.PASS), report.count(CheckLevel.WARNING), report.count(CheckLevel.ERROR),
                report.count(CheckLevel.SKIPPED));
        for (CheckResult r : report.results()) {
            if (r.level() == CheckLevel.ERROR || r.level() == CheckLevel.WARNING) {
                out.printf("  %-7s %s: %s%n", r.level(), r.id(), r.message());
            }
        }
    }

    static void printSummary(TaskSummary s, PrintWriter out) {
        out.printf("summary   %s keys applied, %s received, %s; keys %s%n", Units.count(s.keysApplied()),
                Units.bytes(s.bytesReceived()), Units.duration(s.durationSeconds()),
                ProgressView.keyCounts(s.sourceKeys(), s.targetKeys()));
    }
}
