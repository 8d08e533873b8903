package dev.redismigrate.core.validation;

import java.util.Objects;

/**
 * One line of a validation report. {@code id} is stable (scripts and docs refer to it, e.g. {@code target.empty});
 * {@code message} says what was found, why it matters and what to do.
 */
public record CheckResult(String id, CheckLevel level, String message) {
    public CheckResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(level, "level");
        message = message == null ? "" : message;
    }

    public static CheckResult pass(String id, String message) {
        return new CheckResult(id, CheckLevel.PASS, message);
    }

    public static CheckResult warning(String id, String message) {
        return new CheckResult(id, CheckLevel.WARNING, message);
    }

    public static CheckResult error(String id, String message) {
        return new CheckResult(id, CheckLevel.ERROR, message);
    }

    public static CheckResult skipped(String id, String reason) {
        return new CheckResult(id, CheckLevel.SKIPPED, reason);
    }
}
