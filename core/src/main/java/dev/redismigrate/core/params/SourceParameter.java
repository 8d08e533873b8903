package dev.redismigrate.core.params;

/**
 * One parameter the migration sets on the source (CONFIG SET) and restores afterwards, with its default, what values
 * are allowed and why the migration changes it.
 */
public interface SourceParameter {
    String name();

    String defaultValue();

    /** The allowed values, for messages and docs (e.g. {@code 1mb .. 16gb}). */
    String allowed();

    /** Why the migration sets it, and what the default buys. */
    String reason();

    ParameterVerdict check(String value);

    /**
     * The value in the form every supported source (2.8 and later) takes in CONFIG SET: plain bytes, the
     * {@code slave} class name. Only for a value {@link #check} did not reject.
     */
    String toConfigValue(String value);
}
