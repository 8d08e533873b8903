package dev.redismigrate.core.params;

/**
 * One parameter the migration sets on the source (CONFIG SET) and restores afterwards, with its default, what values
 * are allowed and why the migration changes it. Values are written the redis.conf way ({@code 256mb}); turning them
 * into what CONFIG SET takes on every version is the adapter's job ({@code redis-io} ConfigSourceParameters).
 */
public interface SourceParameter {
    String name();

    String defaultValue();

    /** The allowed values, for messages and docs (e.g. {@code 1mb .. 16gb}). */
    String allowed();

    /** Why the migration sets it, and what the default buys. */
    String reason();

    ParameterVerdict check(String value);
}
