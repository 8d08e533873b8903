package dev.redismigrate.functions.workflow;

/** What the Validate step returns; the state machine ends as VALIDATION_FAILED when {@code passed} is false. */
public record ValidationOutcome(boolean passed, long errors, long warnings) {
}
