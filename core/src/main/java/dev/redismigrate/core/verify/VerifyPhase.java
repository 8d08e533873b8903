package dev.redismigrate.core.verify;

/** What a running verification is doing, for its progress display. */
public enum VerifyPhase {
    COUNTS,
    SAMPLE,
    /** Walking the source's keys and comparing each on the target. */
    SOURCE_KEYS,
    /** Walking the target's keys looking for keys the source does not have. */
    TARGET_KEYS,
    /** A later round: looking again at what differed. */
    RECHECK
}
