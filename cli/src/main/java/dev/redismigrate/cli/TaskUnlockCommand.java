package dev.redismigrate.cli;

import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStateException;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.usecase.cloud.TaskRef;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code redis-migrate task unlock}: invokes the stack's unlock-target function (the Unlock step of the state machine,
 * which runs where the target and the ElastiCache API are reachable) for a task whose unlock failed.
 */
@Command(name = "unlock", mixinStandardHelpOptions = true,
        description = {"Unlocks the target of a cloud task whose unlock failed (status shows `target STILL LOCKED`)"
                + " through the stack's unlock-target function (--unlock-function-arn): puts back what the lock"
                + " changed (ACL rules, ElastiCache access strings, security groups) and releases the task's claim."
                + " Safe to run again.",
                "A task whose execution still runs (VALIDATING, SYNCING, FINISHING) is refused: its own cleanup unlocks."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:unlocked (or nothing was locked) and the claim released",
                "1:the unlock failed again (the cause is printed and kept in the task)",
                "2:bad usage (unknown task, a running task, missing setting)"})
final class TaskUnlockCommand implements Callable<Integer> {
    /** The statuses in which the task's execution runs (the janitor ends a dead one). */
    private static final Set<TaskStatus> RUNNING = EnumSet.of(TaskStatus.VALIDATING, TaskStatus.SYNCING,
            TaskStatus.FINISHING);

    @Mixin
    private CloudTaskArguments arguments;

    @ParentCommand
    private TaskCommand task;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        TaskStore store = task.connect(arguments.cloud()).store();
        MigrationTask before = store.resolve(arguments.task());
        if (RUNNING.contains(before.status())) {
            throw new TaskStateException("task " + before.id() + " is " + before.status() + ": its execution still"
                    + " runs and unlocks the target at its end; finish or cancel it (redis-migrate task cancel "
                    + before.id() + ")");
        }
        DeployedFunction unlock = new DeployedFunction(task.lambda(arguments.cloud()), arguments.cloud().unlockFunction(), "unlock-target");
        try {
            unlock.invoke(new TaskRef(before.id()), TaskRef.class);
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("redis-migrate: "
                    + UnlockReport.failed(store.resolve(before.id()), e, LockView.CLOUD_UNLOCK));
            spec.commandLine().getErr().flush();
            return RedisMigrateCommand.EXIT_FAILURE;
        }
        UnlockReport.unlocked(before, spec.commandLine().getOut());
        return RedisMigrateCommand.EXIT_OK;
    }
}
