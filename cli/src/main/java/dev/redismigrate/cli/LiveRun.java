package dev.redismigrate.cli;

import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.task.DesiredState;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.usecase.FinishGate;
import dev.redismigrate.core.usecase.RunMigration;
import dev.redismigrate.core.validation.ValidationReport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs a task in this process with the live view, shared by {@code migrate}, {@code resume} and {@code demo}: keys
 * (f = finish, c = cancel) on a terminal, Ctrl-C = cancel with cleanup, optional finish as soon as in sync, and the
 * exit code from the task's final status.
 */
final class LiveRun {
    private static final Duration CLEANUP_WAIT = Duration.ofSeconds(120);

    private final LocalServices services;
    private final RunningTasks running;
    private final ProgressView view;
    private final boolean finishWhenSynced;
    private final FinishGate gate;
    private final Runnable beforeAutoFinish;
    private volatile boolean finishAsked;

    /** @param beforeAutoFinish runs once, just before {@code finishWhenSynced} asks to finish (the demo stops its writer) */
    LiveRun(LocalServices services, RunningTasks running, ProgressView view, boolean finishWhenSynced, FinishGate gate,
            Runnable beforeAutoFinish) {
        this.services = services;
        this.running = running;
        this.view = view;
        this.finishWhenSynced = finishWhenSynced;
        this.gate = gate;
        this.beforeAutoFinish = beforeAutoFinish;
    }

    int run(String taskId, CommandSpec spec) {
        return drive(taskId, spec, false);
    }

    int resume(String taskId, CommandSpec spec) {
        return drive(taskId, spec, true);
    }

    private int drive(String taskId, CommandSpec spec, boolean resume) {
        try (RunningTasks.Mark mark = running.mark(taskId)) { // refused while another run (the console) drives it
            return driveMarked(taskId, spec, resume);
        }
    }

    private int driveMarked(String taskId, CommandSpec spec, boolean resume) {
        CountDownLatch done = new CountDownLatch(1);
        Thread cancelOnInterrupt = new Thread(() -> {
            if (done.getCount() > 0) {
                view.step("interrupted: cancelling, restoring the source parameters and unlocking the target...");
                try {
                    services.requestStop().cancel(taskId);
                } catch (RuntimeException e) {
                    // ended meanwhile: the command exits with what the task reached
                }
            }
            // then the command's exit code (5 once cancelled), not the JVM's 130; the task keeps whatever state it
            // reached if the clean-up outlasts the wait (resume or cancel it later)
            ExitAfterInterrupt.awaitCommand(CLEANUP_WAIT);
        }, "cancel-on-interrupt");
        Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
        startKeyboard(taskId);
        MigrationTask result;
        try {
            RunMigration migration = services.runMigration(gate);
            result = resume ? migration.resume(taskId, listener(taskId)) : migration.run(taskId, listener(taskId));
        } finally {
            done.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cancelOnInterrupt);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C arrived while we were finishing: the hook sees `done` and awaits the command
        }
        view.close();
        if (!view.isJson()) {
            TaskPrinter.print(result, spec.commandLine().getOut());
        } else {
            String stillLocked = LockView.stillLocked(result, LockView.LOCAL_UNLOCK);
            if (stillLocked != null) {
                view.step(stillLocked);
            }
            view.task(result);
        }
        return switch (result.status()) {
            case FINISHED -> RedisMigrateCommand.EXIT_OK;
            case CANCELLED -> RedisMigrateCommand.EXIT_CANCELLED;
            case VALIDATION_FAILED -> RedisMigrateCommand.EXIT_VALIDATION_ERROR;
            default -> RedisMigrateCommand.EXIT_FAILURE;
        };
    }

    private RunMigration.Listener listener(String taskId) {
        return new RunMigration.Listener() {
            /** Whether the task has several syncs, read once: the store is read at each report only when it has. */
            private Boolean sharded;

            @Override
            public void step(String message) {
                view.step(message);
            }

            @Override
            public void validated(ValidationReport report) {
                view.validation(report);
            }

            @Override
            public void progress(Progress progress) {
                if (sharded == null) {
                    sharded = services.store().find(taskId).orElseThrow().syncs().size() > 1;
                }
                // each shard's report is in the store before the total that follows it
                view.show(progress, sharded ? ShardLines.of(services.store().find(taskId).orElseThrow()) : List.of());
                if (finishWhenSynced && progress.inSync()) {
                    askFinishOnce(taskId);
                }
            }
        };
    }

    /** Finish is asked again after a refusal (the gate put the task back to RUN). */
    private void askFinishOnce(String taskId) {
        MigrationTask task = services.store().find(taskId).orElseThrow();
        if (task.desired() == DesiredState.RUN) {
            if (!finishAsked) {
                beforeAutoFinish.run();
                view.step("in sync: finishing (drain, verify, stop)");
                finishAsked = true;
            }
            services.requestStop().finish(taskId, false);
        }
    }

    private void startKeyboard(String taskId) {
        if (System.console() == null || view.isJson()) {
            return;
        }
        view.step("type f + Enter to finish, c + Enter to cancel (or run `redis-migrate finish " + taskId + "`)");
        Thread keys = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    String key = line.trim().toLowerCase();
                    try {
                        if (key.startsWith("f")) {
                            services.requestStop().finish(taskId, false);
                            view.step("finish requested");
                        } else if (key.startsWith("c")) {
                            services.requestStop().cancel(taskId);
                            view.step("cancel requested");
                        }
                    } catch (RuntimeException e) {
                        view.step("cannot do that now: " + e.getMessage());
                    }
                }
            } catch (java.io.IOException ignored) {
                // no keyboard: finish and cancel still work from another terminal
            }
        }, "keyboard");
        keys.setDaemon(true);
        keys.start();
    }
}
