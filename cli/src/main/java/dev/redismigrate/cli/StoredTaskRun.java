package dev.redismigrate.cli;

import dev.redismigrate.core.task.MigrationTask;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;

/**
 * What the local commands that run a stored task ({@code start}, {@code resume}) take: the task, the passwords that
 * were not stored, the run's options and the state directory; and the live run they both hand the task to.
 */
final class StoredTaskRun {
    @Parameters(paramLabel = "TASK", description = "Task id or unique name.")
    private String task;

    @Mixin
    private StoredPasswordOptions passwords;

    @Mixin
    private RunOptions run;

    @Mixin
    private StateDirOption stateDir;

    MigrationTask task() {
        return stateDir.store().resolve(task);
    }

    /** The live run of {@code t}, its passwords resolved with the ones given here, marked as running while it runs. */
    LiveRun liveRun(MigrationTask t, CommandSpec spec) {
        LocalServices services = new LocalServices(stateDir.store(), passwords.resolverFor(t),
                run.syncSettings(stateDir.spoolDir()));
        return run.liveRun(services, stateDir.runningTasks(), run.view(spec));
    }
}
