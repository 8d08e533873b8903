package dev.redismigrate.cli.console;

import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.validation.ValidationReport;
import dev.redismigrate.core.verify.VerificationReport;
import dev.redismigrate.core.verify.VerifyMode;
import java.time.Instant;

/**
 * What the console's API does to tasks, over one composition (the local one runs tasks in this process). Each method
 * is one person's action; a refusal is an {@link ApiException} or a core exception the API maps to a status.
 */
interface ConsoleBackend {
    ConsoleMode mode();

    /** Where tasks are read from. */
    TaskStore store();

    /**
     * Runs the validation catalogue for a form, changing nothing: a new task's, or ({@code editedTaskId} not null) the
     * task as that edit would leave it, so that it is not "another task" on its own target.
     */
    ValidationReport validate(TaskForm form, String editedTaskId);

    /** Creates the task when validation finds no ERROR and its WARNINGs are acknowledged (422 otherwise). */
    MigrationTask create(TaskForm form);

    /**
     * New settings for a task that has not started: validated again, left not started; held back (422) like a creation
     * where the backend can validate before storing.
     */
    MigrationTask edit(String taskId, TaskForm form);

    /** Start now ({@code at} null or past), at a time, or (a FAILED task) resume from the target's checkpoint. */
    MigrationTask start(String taskId, Instant at);

    VerificationReport verify(String taskId, VerifyMode mode);

    /** Finish, refused (409) while a verification finds differences unless forced. */
    MigrationTask finish(String taskId, boolean force);

    MigrationTask cancel(String taskId);

    /** The last verification the console ran for the task, or null. */
    VerificationReport lastVerification(String taskId);
}
