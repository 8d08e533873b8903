package dev.redismigrate.sync.entry;

/** The whole snapshot has been read; the command stream follows. */
public record SnapshotEnd(long rdbBytes) implements Entry {
    @Override
    public long weight() {
        return 16;
    }
}
