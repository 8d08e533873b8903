package dev.redismigrate.cli.console;

import dev.redismigrate.cli.LocalServices;
import dev.redismigrate.cli.RunningTasks;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.task.TaskStateException;
import dev.redismigrate.core.usecase.FinishGate;
import dev.redismigrate.core.usecase.RunMigration;
import dev.redismigrate.core.validation.ValidationReport;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

/**
 * The console's runs: each task it runs is one thread doing what {@code migrate} does in the foreground
 * ({@link RunMigration#run}) or what {@code resume} does ({@link RunMigration#resume}), with the task marked as run by
 * this process ({@link RunningTasks}) for as long, so that no CLI process runs it too.
 */
final class BackgroundRuns implements AutoCloseable {
    private final LocalServices services;
    private final RunningTasks running;
    private final FinishGate gate;
    private final BiConsumer<String, String> steps;
    private final Set<String> active = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "console-run");
        thread.setDaemon(true); // a stopped console leaves its syncs where they are; the next one resumes them
        return thread;
    });

    /** @param steps told each step of a run: task id, one line */
    BackgroundRuns(LocalServices services, RunningTasks running, FinishGate gate, BiConsumer<String, String> steps) {
        this.services = services;
        this.running = running;
        this.gate = gate;
        this.steps = steps;
    }

    boolean runsHere(String taskId) {
        return active.contains(taskId);
    }

    /** @throws TaskStateException when a live process other than this console runs the task */
    void refuseIfRunElsewhere(String taskId) {
        if (!active.contains(taskId)) {
            running.liveProcess(taskId).ifPresent(pid -> {
                throw new TaskStateException("task " + taskId + " is run by process " + pid + " of this machine;"
                        + " finish or cancel it there, or wait for it to end");
            });
        }
    }

    /** Runs a VALIDATED, SCHEDULED (due) or VALIDATING task to its end; nothing when this console already runs it. */
    void run(String taskId) {
        launch(taskId, false);
    }

    /** Takes over a SYNCING or FAILED task from the target's checkpoint. */
    void resume(String taskId) {
        launch(taskId, true);
    }

    /** @throws TaskStateException when another process of this machine runs the task, or the console is stopping */
    private synchronized void launch(String taskId, boolean resume) {
        if (active.contains(taskId)) {
            return;
        }
        if (threads.isShutdown()) {
            // checked before marking: a mark with no run behind it would hold the task until this process ends
            throw new TaskStateException("the console is stopping: task " + taskId + " is left to the next console"
                    + " (or redis-migrate resume)");
        }
        RunningTasks.Mark mark = running.mark(taskId);
        active.add(taskId);
        threads.execute(() -> {
            try {
                RunMigration migration = services.runMigration(gate);
                if (resume) {
                    migration.resume(taskId, listener(taskId));
                } else {
                    migration.run(taskId, listener(taskId));
                }
            } catch (RuntimeException e) {
                steps.accept(taskId, "the run stopped: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage()));
            } finally {
                mark.close();
                active.remove(taskId);
            }
        });
    }

    private RunMigration.Listener listener(String taskId) {
        return new RunMigration.Listener() {
            @Override
            public void step(String message) {
                steps.accept(taskId, message);
            }

            @Override
            public void validated(ValidationReport report) {
                // the report is stored in the task, where the pages read it
            }

            @Override
            public void progress(Progress progress) {
                // sampled from the store with every other run's progress (ConsoleSupervisor)
            }
        };
    }

    /** Stops taking work; running syncs stop with the process and are resumed by the next console. */
    @Override
    public synchronized void close() {
        threads.shutdown();
    }
}
