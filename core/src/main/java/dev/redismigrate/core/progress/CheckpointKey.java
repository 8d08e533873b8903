package dev.redismigrate.core.progress;

/**
 * The one key the sync keeps on the target (in db 0) while it runs: a hash with the replication id, applied offset
 * and selected database, written atomically with the data it covers so a restarted sync resumes exactly once. It is
 * removed when the sync finishes. Key counts and verifications leave it out.
 */
public final class CheckpointKey {
    /** Every key redis-migrate itself writes on a target starts with this; verification and key counts skip them. */
    public static final String INTERNAL_PREFIX = "__redis-migrate:";
    public static final String PREFIX = INTERNAL_PREFIX + "checkpoint:";
    public static final int DB = 0;

    private CheckpointKey() {
    }

    public static String forTask(String taskId) {
        return PREFIX + taskId;
    }
}
