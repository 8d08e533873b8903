package dev.redismigrate.sync.entry;

/**
 * What flows from the readers (snapshot, command stream) to the target writer through the bounded {@link EntryQueue}.
 * Entries are in source order; the writer never reorders them.
 */
public sealed interface Entry permits SnapshotBegin, SnapshotWrite, SnapshotEnd, StreamBlock {
    /** Approximate bytes held, for the queue's memory bound. */
    long weight();
}
