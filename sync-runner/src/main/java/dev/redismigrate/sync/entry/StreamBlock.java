package dev.redismigrate.sync.entry;

import java.util.List;

/**
 * A unit of the source's command stream the writer applies whole: one command, or all commands of one source
 * transaction (MULTI/EXEC: Lua and function effects), never split across target batches. A block without commands
 * (PING, REPLCONF, SELECT) only moves the offset.
 *
 * @param commands the writes, each with the database it applies to
 * @param dbAfter the stream's selected database after this block (kept in the checkpoint)
 * @param endOffset the source replication offset of this block's last byte
 * @param ackRequested the source asked for an acknowledgement ({@code REPLCONF GETACK}) within this block
 */
public record StreamBlock(List<DbCommand> commands, int dbAfter, long endOffset, boolean ackRequested)
        implements Entry {
    public record DbCommand(int db, byte[][] args) {
    }

    @Override
    public long weight() {
        long weight = 48;
        for (DbCommand command : commands) {
            weight += 32;
            for (byte[] arg : command.args()) {
                weight += arg.length + 16;
            }
        }
        return weight;
    }
}
