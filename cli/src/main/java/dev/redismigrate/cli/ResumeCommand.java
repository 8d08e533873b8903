package dev.redismigrate.cli;

import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStateException;
import dev.redismigrate.core.task.TaskStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code redis-migrate resume}: continues a migration whose process died (kill -9, machine loss) or gave up. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continues a migration whose process died or failed, from where the target really is: the sync"
                + " reads its checkpoint from the target and asks the source for the missing part of the stream"
                + " (a full resync, with the target flushed, when the source no longer has it). The lock and the"
                + " source parameters are put in place again; the same live view, finish and cancel apply.",
                "Passwords that were typed into the URIs of the first run are not stored: give them again with"
                        + " --source-password-file / --target-password-file or the REDIS_MIGRATE_*_PASSWORD variables."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:finished", "1:failed", "2:bad usage (unknown task, a task that cannot be resumed)",
                "5:cancelled (also by Ctrl-C, once cleaned up)"})
final class ResumeCommand implements Callable<Integer> {
    @Mixin
    private StoredTaskRun stored;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        MigrationTask t = stored.task();
        if (t.status() != TaskStatus.SYNCING && t.status() != TaskStatus.FAILED) {
            throw new TaskStateException("task " + t.id() + " is " + t.status()
                    + "; only a task that was syncing (or failed while syncing) can be resumed");
        }
        return stored.liveRun(t, spec).resume(t.id(), spec);
    }
}
