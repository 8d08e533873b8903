package dev.redismigrate.core.validation;

/** The outcome of one check. ERROR blocks the migration; WARNING lets it proceed; SKIPPED says why it did not run. */
public enum CheckLevel {
    PASS, WARNING, ERROR, SKIPPED
}
