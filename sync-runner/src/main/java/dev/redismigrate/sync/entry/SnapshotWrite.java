package dev.redismigrate.sync.entry;

/**
 * One command derived from the snapshot: a {@code RESTORE}, a chunk of a big key rewritten as type commands, its
 * {@code PEXPIREAT}, or a function load.
 *
 * @param db the database the command belongs in, or -1 when it is not database-specific
 * @param command the command and its arguments
 * @param rdbPosition how far into the snapshot file this command's key ends (for the applied-bytes progress)
 * @param keysCompleted how many keys this command completes (0 for a chunk of a big key, N for an MSET)
 */
public record SnapshotWrite(int db, byte[][] command, long rdbPosition, int keysCompleted) implements Entry {
    @Override
    public long weight() {
        long weight = 32;
        for (byte[] arg : command) {
            weight += arg.length + 16;
        }
        return weight;
    }
}
