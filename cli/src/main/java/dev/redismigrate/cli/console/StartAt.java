package dev.redismigrate.cli.console;

import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskEdit;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * "Start now" or "start at": a VALIDATED task starts at its scheduled time, so a start whose time differs first changes
 * the schedule, by an edit (the seed: a changed schedule is validated again). Null or a past time means now.
 */
final class StartAt {
    private StartAt() {
    }

    /** The edit of the schedule that starting {@code task} at {@code at} needs first, if any. */
    static Optional<TaskEdit> scheduleEdit(MigrationTask task, Instant at, Instant now) {
        Instant wanted = at != null && at.isAfter(now) ? at : null;
        Instant ahead = task.scheduledStart() != null && task.scheduledStart().isAfter(now) ? task.scheduledStart() : null;
        if (Objects.equals(wanted, ahead)) {
            return Optional.empty();
        }
        return Optional.of(new TaskEdit(null, null, null, null, null, wanted, wanted == null, null, null, null));
    }
}
