package dev.redismigrate.cli;

import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStateException;
import dev.redismigrate.core.task.TaskStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code redis-migrate start}: runs a task that was created (or edited) but not started, here, like {@code migrate}. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Starts a VALIDATED task here (one that was edited, or whose migrate process ended while it"
                + " waited for its scheduled time): waits for the scheduled time if any, validates again, and runs it"
                + " as migrate does, with the same live view, finish and cancel.",
                "Passwords that were typed into URIs are not stored: give them with --source-password-file /"
                        + " --target-password-file or the REDIS_MIGRATE_*_PASSWORD variables."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:finished", "1:failed", "2:bad usage (unknown task, a task that cannot be started)",
                "3:validation found an ERROR (nothing was changed)", "5:cancelled (also by Ctrl-C, once cleaned up)"})
final class StartCommand implements Callable<Integer> {
    @Mixin
    private StoredTaskRun stored;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        MigrationTask t = stored.task();
        if (t.status() != TaskStatus.VALIDATED && t.status() != TaskStatus.SCHEDULED) {
            throw new TaskStateException("task " + t.id() + " is " + t.status() + "; only a VALIDATED (or SCHEDULED) task"
                    + " can be started" + (t.status() == TaskStatus.VALIDATION_FAILED || t.status() == TaskStatus.CREATED
                    ? ": fix what validation reports (redis-migrate edit) first"
                    : t.status() == TaskStatus.FAILED ? ": continue it with redis-migrate resume" : ""));
        }
        return stored.liveRun(t, spec).run(t.id(), spec);
    }
}
