package dev.redismigrate.cli.console;

import dev.redismigrate.cli.LocalServices;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.params.ParameterCatalogue;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.ParameterSetting;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskEdit;
import dev.redismigrate.core.task.TaskStateException;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.usecase.NewTask;
import dev.redismigrate.core.usecase.TaskValidator;
import dev.redismigrate.core.validation.CheckLevel;
import dev.redismigrate.core.validation.ValidationReport;
import dev.redismigrate.core.verify.VerificationReport;
import dev.redismigrate.core.verify.Verifier;
import dev.redismigrate.core.verify.VerifyMode;
import dev.redismigrate.core.verify.VerifyOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console over the local composition: the use cases {@code migrate}, {@code edit}, {@code start}, {@code finish}
 * and {@code cancel} call, with the runs in this process ({@link BackgroundRuns}).
 */
final class LocalBackend implements ConsoleBackend {
    private final LocalServices services;
    private final PasswordFiles passwords;
    private final BackgroundRuns runs;
    private final Verifier verifier;
    private final TaskEvents events;
    private final Clock clock;
    private final Map<String, VerificationReport> verifications = new ConcurrentHashMap<>();

    LocalBackend(LocalServices services, PasswordFiles passwords, BackgroundRuns runs, Verifier verifier,
                 TaskEvents events, Clock clock) {
        this.services = services;
        this.passwords = passwords;
        this.runs = runs;
        this.verifier = verifier;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public ConsoleMode mode() {
        return ConsoleMode.LOCAL;
    }

    @Override
    public TaskStore store() {
        return services.store();
    }

    @Override
    public ValidationReport validate(TaskForm form, String editedTaskId) {
        if (editedTaskId != null) {
            MigrationTask before = find(editedTaskId);
            form.refuseChangesOfFixedFields(before);
            PasswordFiles.Pair given = passwords.referencesFor(form, null);
            try {
                return validationOfEdit(before, form.edit(given.source(), given.target()));
            } finally {
                discardUnlessKept(given, before);
            }
        }
        Specs specs = specs(form);
        try {
            return validation(form, specs);
        } finally {
            specs.discard(passwords);
        }
    }

    @Override
    public MigrationTask create(TaskForm form) {
        Specs specs = specs(form);
        try {
            ValidationReport report = validation(form, specs);
            refuseUnlessAccepted(report, form.acknowledgeWarnings(), "create the task");
            // the task stored is the one just validated, from the same form: its report, not a second validation
            return services.createTask(task -> report).create(new NewTask(form.name(), specs.source(),
                    specs.target(), form.scheduledStart(), parameters(form)));
        } catch (RuntimeException e) {
            specs.discard(passwords);
            throw e;
        }
    }

    @Override
    public MigrationTask edit(String taskId, TaskForm form) {
        MigrationTask before = find(taskId);
        form.refuseChangesOfFixedFields(before);
        PasswordFiles.Pair given = passwords.referencesFor(form, null);
        MigrationTask edited;
        try {
            TaskEdit edit = form.edit(given.source(), given.target());
            // Held back like a creation: the edit use case would store it (and withdraw a schedule) whatever it finds.
            ValidationReport report = validationOfEdit(before, edit);
            refuseUnlessAccepted(report, form.acknowledgeWarnings(), "save the edit");
            edited = services.editTask(validatedAlready(before, report)).edit(before.id(), edit);
        } catch (RuntimeException e) {
            discardUnlessKept(given, before);
            throw e;
        }
        discardIfNew(before.source().endpoint().password(), edited.source().endpoint().password());
        discardIfNew(before.target().endpoint().password(), edited.target().endpoint().password());
        events.add(taskId, new TaskEvents.Event(clock.instant(), "edited", "edited and validated again: "
                + edited.status()));
        return edited;
    }

    @Override
    public MigrationTask start(String taskId, Instant at) {
        MigrationTask task = find(taskId);
        if (task.status() == TaskStatus.FAILED) {
            runs.resume(taskId);
            return find(taskId);
        }
        if (task.status() != TaskStatus.VALIDATED) {
            throw new TaskStateException("task " + taskId + " is " + task.status() + "; only a VALIDATED task can be"
                    + " started" + (task.status() == TaskStatus.SCHEDULED ? " (it is scheduled already: edit it to"
                    + " change the time)" : task.status().isEditable() ? ": fix what validation reports (edit) first" : ""));
        }
        Optional<TaskEdit> schedule = StartAt.scheduleEdit(task, at, clock.instant());
        if (schedule.isPresent()) {
            task = services.editTask().edit(taskId, schedule.get());
            if (task.status() != TaskStatus.VALIDATED) {
                return task;
            }
        }
        runs.refuseIfRunElsewhere(taskId);
        task = services.startTask().press(taskId);
        if (task.status() == TaskStatus.VALIDATING) {
            runs.run(taskId);
        }
        return task; // SCHEDULED: LocalTaskKeeper runs it when its time comes
    }

    @Override
    public VerificationReport verify(String taskId, VerifyMode mode) {
        MigrationTask task = find(taskId);
        if (task.status() != TaskStatus.SYNCING && task.status() != TaskStatus.FINISHING
                && task.status() != TaskStatus.FAILED) {
            throw new TaskStateException("task " + taskId + " is " + task.status() + "; verification compares the"
                    + " source and target of a task that is syncing (or failed while syncing)");
        }
        VerificationReport report = verifier.verify(task.source().endpoint(), task.target().endpoint(),
                VerifyOptions.defaults().withMode(mode), progress -> { });
        verifications.put(taskId, report);
        events.add(taskId, new TaskEvents.Event(clock.instant(), "verified", report.summary()));
        return report;
    }

    @Override
    public MigrationTask finish(String taskId, boolean force) {
        MigrationTask task = find(taskId);
        if (!force && (task.status() == TaskStatus.SYNCING || task.status() == TaskStatus.FINISHING)) {
            VerificationReport report = verify(taskId, VerifyMode.SAMPLE);
            if (!report.consistent()) {
                throw new ApiException(409, null, "not finished: " + report.summary() + "; fix the differences and"
                        + " finish again, or finish with force to accept them",
                        Map.of("verification", VerificationView.of(report)));
            }
        }
        MigrationTask asked = services.requestStop().finish(taskId, force);
        events.add(taskId, TaskEvents.Event.finishRequested(clock.instant(), force));
        return asked;
    }

    @Override
    public MigrationTask cancel(String taskId) {
        find(taskId);
        MigrationTask asked = services.requestStop().cancel(taskId);
        events.add(taskId, new TaskEvents.Event(clock.instant(), "cancel-requested", asked.status() == TaskStatus.CANCELLED
                ? "cancelled before it started" : "cancel requested: the sync stops, restores and unlocks"));
        return asked;
    }

    @Override
    public VerificationReport lastVerification(String taskId) {
        return verifications.get(taskId);
    }

    private MigrationTask find(String taskId) {
        return store().find(taskId).orElseThrow(() -> ApiException.notFound("no task has the id '" + taskId + "'"));
    }

    /** The catalogue run for the task the form describes, which is not stored (nothing is created). */
    private ValidationReport validation(TaskForm form, Specs specs) {
        return services.validator().validate(MigrationTask.create(form.name(), specs.source(), specs.target(),
                form.scheduledStart(), parameters(form), clock.instant()));
    }

    /** The catalogue run for the task as the edit would leave it, under its own id: not "another task" on its target. */
    private ValidationReport validationOfEdit(MigrationTask before, TaskEdit edit) {
        return services.validator().validate(before.edit(edit, clock.instant()));
    }

    /**
     * The edit's validation: {@code report} when the task edited is still {@code before} (the next version is the edit
     * of it, which {@code report} validated), else a new one.
     */
    private TaskValidator validatedAlready(MigrationTask before, ValidationReport report) {
        return edited -> edited.version() == before.version() + 1 ? report : services.validator().validate(edited);
    }

    private static List<ParameterSetting> parameters(TaskForm form) {
        return ParameterCatalogue.defaultsWith(form.parameters());
    }

    /** 422 with the report when it has an ERROR, or WARNINGs not acknowledged: {@code action} is then not done. */
    private static void refuseUnlessAccepted(ValidationReport report, boolean warningsAcknowledged, String action) {
        long errors = report.count(CheckLevel.ERROR);
        long warnings = report.count(CheckLevel.WARNING);
        if (errors > 0 || (warnings > 0 && !warningsAcknowledged)) {
            throw new ApiException(422, null, errors > 0
                    ? "validation found " + errors + " ERROR(s): fix what they say and validate again"
                    : "validation found " + warnings + " WARNING(s): read them and acknowledge them to " + action,
                    Map.of("validation", ValidationView.of(report)));
        }
    }

    private void discardIfNew(SecretRef candidate, SecretRef kept) {
        if (candidate != null && !candidate.equals(kept)) {
            passwords.discard(candidate);
        }
    }

    /**
     * Deletes the password files {@code given} (an edit form's: null where it keeps the stored one) wrote unless
     * {@code task} stores them.
     */
    private void discardUnlessKept(PasswordFiles.Pair given, MigrationTask task) {
        discardIfNew(given.source(), task.source().endpoint().password());
        discardIfNew(given.target(), task.target().endpoint().password());
    }

    /** A form's source and target with their password references; the password files written for them. */
    private Specs specs(TaskForm form) {
        PasswordFiles.Pair written = passwords.referencesFor(form, new SecretRef.None());
        RedisEndpoint source = form.source().withPassword(written.source());
        RedisEndpoint target = form.target().withPassword(written.target());
        return new Specs(new SourceSpec(source, form.sourceVmId(), form.sourcePrivateIp()),
                new TargetSpec(target, form.targetInstanceId(), form.allowUnlockedTarget(), false), written);
    }

    private record Specs(SourceSpec source, TargetSpec target, PasswordFiles.Pair passwords) {
        void discard(PasswordFiles files) {
            files.discard(passwords.source());
            files.discard(passwords.target());
        }
    }
}
