package dev.redismigrate.core.validation.checks;

import dev.redismigrate.core.params.ParameterCatalogue;
import dev.redismigrate.core.params.ParameterVerdict;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.ParameterSetting;
import dev.redismigrate.core.validation.Check;
import dev.redismigrate.core.validation.CheckLevel;
import dev.redismigrate.core.validation.CheckResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The task's own settings, and whether another task already holds its target. */
public final class TaskChecks {
    private TaskChecks() {
    }

    /**
     * @param identity the target's identity ({@link dev.redismigrate.core.task.TargetIdentity}): another spelling of
     *                 the same instance (localhost, its IP, a node endpoint) is the same target
     * @param stored every task in the store, or null when it could not be read ({@code storeProblem} says why)
     */
    public static CheckResult targetFree(MigrationTask task, String identity, List<MigrationTask> stored,
                                         String storeProblem) {
        Check check = Check.TASK_TARGET_FREE;
        String address = task.target().endpoint().address();
        String named = identity == null || identity.equalsIgnoreCase(address) ? address : address + " (" + identity + ")";
        if (stored == null) {
            return check.warning("Could not read the task store: " + storeProblem + ". Two migrations into one"
                    + " target would overwrite each other. Make sure no other task migrates into " + named + ".");
        }
        List<MigrationTask> onTarget = stored.stream()
                .filter(t -> !t.id().equals(task.id()))
                .filter(t -> sameTarget(t, identity, address))
                .toList();
        List<MigrationTask> stillLocked = onTarget.stream().filter(t -> !t.status().isActive() && t.lock() != null).toList();
        if (!stillLocked.isEmpty()) {
            MigrationTask holder = stillLocked.get(0);
            return check.error("Task " + holder.id() + " ('" + holder.name() + "', " + holder.status() + ") still holds"
                    + " its lock on " + named + (holder.unlockFailure() == null ? "" : " (its unlock failed: "
                    + holder.unlockFailure().replaceAll("\\.$", "") + ")") + ". A new migration"
                    + " cannot lock a target another task has locked, and the target's users are still restricted."
                    + " Run redis-migrate unlock " + holder.id() + " first.");
        }
        List<MigrationTask> others = onTarget.stream().filter(t -> t.status().isActive()).toList();
        if (others.isEmpty()) {
            return check.pass("No other active task migrates into " + named + ".");
        }
        String found = others.stream().map(t -> "task " + t.id() + " ('" + t.name() + "', " + t.status() + ")")
                .collect(Collectors.joining(", "));
        return check.error("Another " + found + " already migrates into " + named + ". Two migrations into one"
                + " target would overwrite each other's data. Wait until it finishes, or cancel it ("
                + "redis-migrate cancel " + others.get(0).id() + ").");
    }

    private static boolean sameTarget(MigrationTask other, String identity, String address) {
        return identity != null && other.targetIdentity().equalsIgnoreCase(identity)
                || other.target().endpoint().address().equalsIgnoreCase(address);
    }

    public static CheckResult parameters(MigrationTask task) {
        Check check = Check.TASK_PARAMETERS;
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ParameterSetting setting : task.parameters()) {
            if (!seen.add(setting.name().toLowerCase(Locale.ROOT))) {
                errors.add(setting.name() + " is given twice");
                continue;
            }
            ParameterVerdict verdict = ParameterCatalogue.check(setting.name(), setting.requested());
            if (verdict.level() == CheckLevel.ERROR) {
                errors.add(verdict.problem());
            } else if (verdict.level() == CheckLevel.WARNING) {
                warnings.add(verdict.problem());
            }
        }
        if (!errors.isEmpty()) {
            return check.error(sentences(errors) + " The migration only sets parameters it can check and restore."
                    + " Fix the values (see docs/validation.md for each parameter's range) or leave the defaults.");
        }
        if (!warnings.isEmpty()) {
            return check.warning(sentences(warnings) + " The value is allowed but risky for the source. Prefer the"
                    + " default unless you know the source's memory can take it.");
        }
        if (task.parameters().isEmpty()) {
            return check.pass("No source parameter is changed.");
        }
        return check.pass("Source parameters in range: " + task.parameters().stream()
                .map(p -> p.name() + " " + p.requested()).collect(Collectors.joining(", ")) + ".");
    }

    public static CheckResult schedule(MigrationTask task, Instant now) {
        Check check = Check.TASK_SCHEDULE;
        Instant start = task.scheduledStart();
        if (start == null) {
            return check.pass("No scheduled start: the task starts when you start it.");
        }
        if (!start.isAfter(now)) {
            return check.warning("The scheduled start " + start + " has already passed. A past time means the"
                    + " migration starts as soon as you start the task. Set a time in the future if you meant to"
                    + " schedule it.");
        }
        return check.pass("Scheduled to start at " + start + " (in " + readable(Duration.between(now, start)) + ").");
    }

    private static String sentences(List<String> problems) {
        return problems.stream().map(Text::fullStop).collect(Collectors.joining(" "));
    }

    private static String readable(Duration d) {
        if (d.toDays() > 0) {
            return d.toDays() + " d " + d.toHoursPart() + " h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        return Math.max(1, d.toMinutes()) + " min";
    }
}
