package dev.redismigrate.functions.workflow;

/** The Lock step's output: whether the target could be locked (no ACL before Redis 6) and the user our writes go through. */
public record LockOutcome(boolean locked, String migrationUser) {
}
