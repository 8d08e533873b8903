package dev.redismigrate.core.verify;

/** What differs between the source and the target. */
public enum DifferenceKind {
    /** The key exists on the source only. */
    MISSING_ON_TARGET,
    /** The key exists on the target only. */
    EXTRA_ON_TARGET,
    /** The key holds another type on the target. */
    TYPE,
    /** Same type, other content (string bytes, hash fields, list order, set members, zset scores, stream entries...). */
    VALUE,
    /** A TTL added, removed, or apart by more than the tolerance. */
    TTL,
    /** A database holds another number of keys (or of keys without a TTL) on the target. */
    COUNT
}
