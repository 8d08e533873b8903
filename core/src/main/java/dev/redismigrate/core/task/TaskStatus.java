package dev.redismigrate.core.task;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of a migration task. Every legal move is listed in {@link #next()}; nothing else may change a status
 * ({@link MigrationTask#moveTo} enforces it).
 *
 * <pre>
 * CREATED -> VALIDATED | VALIDATION_FAILED                     validation at creation
 * VALIDATED -> SCHEDULED (start in the future) | VALIDATING (start now)
 * SCHEDULED -> VALIDATING (time reached)
 * VALIDATING -> SYNCING | VALIDATION_FAILED                    validation again at start
 * SYNCING -> FINISHING -> FINISHED
 * any non-final -> CANCELLED;  VALIDATING, SYNCING, FINISHING -> FAILED
 * CREATED, VALIDATED, VALIDATION_FAILED, SCHEDULED -> CREATED   an edit: validation needed again
 * FAILED, SYNCING -> SYNCING                                    resume: another process takes the sync over
 * </pre>
 */
public enum TaskStatus {
    CREATED, VALIDATED, VALIDATION_FAILED, SCHEDULED, VALIDATING, SYNCING, FINISHING, FINISHED, FAILED, CANCELLED;

    private static final Map<TaskStatus, Set<TaskStatus>> NEXT = Map.of(
            CREATED, EnumSet.of(CREATED, VALIDATED, VALIDATION_FAILED, CANCELLED),
            VALIDATED, EnumSet.of(CREATED, VALIDATED, VALIDATION_FAILED, SCHEDULED, VALIDATING, CANCELLED),
            VALIDATION_FAILED, EnumSet.of(CREATED, VALIDATED, VALIDATION_FAILED, CANCELLED),
            SCHEDULED, EnumSet.of(CREATED, VALIDATING, CANCELLED),
            VALIDATING, EnumSet.of(SYNCING, VALIDATION_FAILED, FAILED, CANCELLED),
            SYNCING, EnumSet.of(SYNCING, FINISHING, FAILED, CANCELLED),
            FINISHING, EnumSet.of(FINISHED, FAILED, CANCELLED),
            FINISHED, EnumSet.noneOf(TaskStatus.class),
            FAILED, EnumSet.of(SYNCING),
            CANCELLED, EnumSet.noneOf(TaskStatus.class));

    public Set<TaskStatus> next() {
        return NEXT.get(this);
    }

    public boolean canMoveTo(TaskStatus target) {
        return NEXT.get(this).contains(target);
    }

    /** Finished, failed or cancelled: nothing runs and the target is not locked by this task. */
    public boolean isFinal() {
        return this == FINISHED || this == FAILED || this == CANCELLED;
    }

    /** Holds (or is about to take) the target: another task may not use the same target meanwhile. */
    public boolean isActive() {
        return this == SCHEDULED || this == VALIDATING || this == SYNCING || this == FINISHING;
    }

    /** The task's settings may still be edited. */
    public boolean isEditable() {
        return this == CREATED || this == VALIDATED || this == VALIDATION_FAILED || this == SCHEDULED;
    }
}
