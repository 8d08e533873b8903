package dev.redismigrate.core.progress;

/**
 * The one key the sync keeps on the target (in db 0) while it runs: a hash with the replication id, applied offset
 * and selected database, written atomically with the data it covers so a restarted sync resumes exactly once. It is
 * removed when the sync finishes. Key counts and verifications leave it out.
 */
public final class CheckpointKey {
    public static final String PREFIX = "redis-migrate:checkpoint:";
    public static final int DB = 0;

    private CheckpointKey() {
    }

    public static String forTask(String taskId) {
        return PREFIX + taskId;
    }
}
