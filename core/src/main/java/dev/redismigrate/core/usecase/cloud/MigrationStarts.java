package dev.redismigrate.core.usecase.cloud;

import dev.redismigrate.core.port.Executions;
import dev.redismigrate.core.port.PendingStarts;
import dev.redismigrate.core.task.MigrationTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * "Start now" and "scheduled start" in the cloud, after {@code StartTask.press} (or a resume), under the name of the
 * task's run ({@link ExecutionName#forRun}): an execution that starts at once, one
 * that waits in its Wait state for a start within {@link #LONGEST_WAIT}, or, further ahead, a one-time EventBridge
 * schedule that starts the execution then (no execution waits for weeks, and the schedule is easy to see and delete).
 */
public final class MigrationStarts implements PendingStarts {
    /** Starts further ahead than this go to EventBridge Scheduler rather than to a waiting execution. */
    public static final Duration LONGEST_WAIT = Duration.ofDays(7);

    /** @param scheduled true: an EventBridge schedule of the same name starts the execution at {@code at} */
    public record Started(String executionName, Instant at, boolean scheduled) {
    }

    private final Executions executions;
    private final Clock clock;

    public MigrationStarts(Executions executions, Clock clock) {
        this.executions = executions;
        this.clock = clock;
    }

    /** Starts (or schedules) the execution of a task whose start was pressed (SCHEDULED or VALIDATING) or resumed. */
    public Started start(MigrationTask task) {
        String name = ExecutionName.forRun(task);
        Instant now = clock.instant();
        Instant at = task.scheduledStart();
        if (at == null || !at.isAfter(now)) {
            executions.start(name, task.id(), null);
            return new Started(name, now, false);
        }
        if (Duration.between(now, at).compareTo(LONGEST_WAIT) > 0) {
            executions.schedule(name, task.id(), at);
            return new Started(name, at, true);
        }
        executions.start(name, task.id(), at);
        return new Started(name, at, false);
    }

    /** A task cancelled before it ran: its waiting execution, or its schedule, must not start it. */
    public void stop(MigrationTask task, String cause) {
        executions.stop(ExecutionName.forRun(task), cause);
    }

    /** A scheduled task was edited: the run waiting with the old settings must not start. */
    @Override
    public void withdraw(MigrationTask task) {
        stop(task, "task " + task.id() + " was edited: it must be validated and started again");
    }
}
