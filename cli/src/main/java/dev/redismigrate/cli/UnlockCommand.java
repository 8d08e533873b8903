package dev.redismigrate.cli;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStateException;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code redis-migrate unlock}: undoes the target lock of a task whose unlock failed or whose process died. */
@Command(name = "unlock", mixinStandardHelpOptions = true,
        description = {"Unlocks the target of a task whose unlock failed at the end of its run (status shows `target"
                + " STILL LOCKED`), or whose process died while the target was locked: puts back what the lock"
                + " changed, as the task's lock record describes it, then releases the task's claim on the target."
                + " Safe to run again: unlocking an unlocked target changes nothing.",
                "A task that is still running is refused: finish or cancel it, its own cleanup unlocks the target.",
                "A password typed into the target URI of the run is not stored: give it again with"
                        + " --target-password-file or $" + EndpointOptions.TARGET_PASSWORD_ENV + "."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:unlocked (or nothing was locked) and the claim released",
                "1:the unlock failed again (the cause is printed and kept in the task, which stays locked)",
                "2:bad usage (unknown task, a task that is still running)"})
final class UnlockCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TASK", description = "Task id or unique name.")
    private String task;

    @Option(names = "--target-password-file", paramLabel = "FILE", description = "Read the target password from FILE.")
    private Path targetPasswordFile;

    @Mixin
    private StateDirOption stateDir;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        TaskStore store = stateDir.store();
        MigrationTask before = store.resolve(task);
        refuseWhileRunning(before, Instant.now());
        Map<SecretRef, SecretRef> replacements = new HashMap<>();
        ReplacedSecrets.replace(replacements, before.target().endpoint().password(), targetPasswordFile,
                EndpointOptions.TARGET_PASSWORD_ENV);
        LocalServices services = new LocalServices(store, new ReplacedSecrets(new LocalSecretResolver(), replacements),
                stateDir.spoolDir());
        try {
            services.unlockTarget().unlock(before.id());
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("redis-migrate: "
                    + UnlockReport.failed(store.resolve(before.id()), e, LockView.LOCAL_UNLOCK));
            spec.commandLine().getErr().flush();
            return RedisMigrateCommand.EXIT_FAILURE;
        }
        UnlockReport.unlocked(before, spec.commandLine().getOut());
        return RedisMigrateCommand.EXIT_OK;
    }

    /**
     * A run of this machine whose process is alive, or (a state directory shared with another machine) a task that
     * reported progress in the last {@link RunningTasks#SILENT_RUN}: its own cleanup unlocks.
     */
    private void refuseWhileRunning(MigrationTask t, Instant now) {
        Optional<Long> process = stateDir.runningTasks().liveProcess(t.id());
        if (process.isPresent()) {
            throw running(t, "process " + process.get() + " runs it");
        }
        if (t.status() != TaskStatus.VALIDATING && t.status() != TaskStatus.SYNCING
                && t.status() != TaskStatus.FINISHING) {
            return;
        }
        Duration silent = Duration.between(RunningTasks.lastSignOfLife(t), now);
        if (silent.compareTo(RunningTasks.SILENT_RUN) < 0) {
            throw running(t, "it reported progress " + silent.toSeconds() + " s ago (wait "
                    + RunningTasks.SILENT_RUN.toSeconds() + " s if its process is gone)");
        }
    }

    private static TaskStateException running(MigrationTask t, String evidence) {
        return new TaskStateException("task " + t.id() + " is " + t.status() + " and still running: " + evidence
                + "; finish or cancel it, its cleanup unlocks the target");
    }
}
