package dev.redismigrate.cli;

import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStatus;
import java.io.PrintWriter;

/** What {@code unlock} and {@code task unlock} print: what was undone and the claim released, or why not. */
final class UnlockReport {
    private UnlockReport() {
    }

    /** @param before the task as it was before the unlock: its lock record says what was undone */
    static void unlocked(MigrationTask before, PrintWriter out) {
        if (before.lock() == null) {
            out.printf("unlocked  task %s (%s) held no lock on %s: nothing to undo%n", before.name(), before.id(),
                    before.target().endpoint().display());
        } else {
            out.printf("unlocked  %s (lock strategy %s, locked since %s)%n", before.target().endpoint().display(),
                    before.lock().strategy().id(), before.lock().lockedAt());
            LockView.undone(before.lock()).forEach(line -> out.printf("undone    %s%n", line));
        }
        out.printf("claim     released on %s: another task may use this target now%n", before.targetIdentity());
        if (before.status() == TaskStatus.SYNCING) {
            out.printf("note      task %s is still SYNCING; resume it to lock the target again and continue%n", before.id());
        }
        out.flush();
    }

    /** The one line for an unlock that failed; {@code after} is the task as the failure left it. */
    static String failed(MigrationTask after, RuntimeException e, String unlockCommand) {
        String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String state = after.lock() == null ? "" : " The target " + after.target().endpoint().display() + " is STILL"
                + " LOCKED; the task keeps its lock record, so nothing is lost.";
        return "unlock failed: " + cause + "." + state + " Fix the cause and run `" + unlockCommand + " " + after.id()
                + "` again.";
    }
}
