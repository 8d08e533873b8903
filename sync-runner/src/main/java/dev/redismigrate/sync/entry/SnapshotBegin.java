package dev.redismigrate.sync.entry;

/**
 * A snapshot is about to be applied.
 *
 * @param flushTarget the target holds data of an earlier attempt of this task and is emptied first
 * @param replId the replication id the snapshot belongs to
 * @param offset the source offset the snapshot is consistent with
 */
public record SnapshotBegin(boolean flushTarget, String replId, long offset) implements Entry {
    @Override
    public long weight() {
        return 64;
    }
}
