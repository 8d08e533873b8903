package dev.redismigrate.sync.stream;

import dev.redismigrate.sync.entry.StreamBlock;
import dev.redismigrate.sync.entry.StreamBlock.DbCommand;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the spooled command stream into {@link StreamBlock}s: tracks {@code SELECT}, groups each source
 * {@code MULTI ... EXEC} (how Redis replicates Lua scripts, functions and transactions) into one block, drops what
 * is not data ({@code PING}, {@code REPLCONF}, {@code PUBLISH}) but keeps its offset, and marks {@code GETACK}.
 */
public final class CommandStreamReader {
    /** Receives blocks in stream order; may block (bounded queue). */
    public interface BlockSink {
        void accept(StreamBlock block) throws InterruptedException;
    }

    private final CommandParser parser;
    private final long startOffset;
    private int db;

    /**
     * @param in the stream from the byte after {@code startOffset}
     * @param startOffset offset of the last byte before the stream (the snapshot's offset, or the checkpoint's)
     * @param startDb the database selected at that point
     */
    public CommandStreamReader(InputStream in, long startOffset, int startDb) {
        this.parser = new CommandParser(in);
        this.startOffset = startOffset;
        this.db = startDb;
    }

    /** Offset of the last byte consumed. */
    public long offset() {
        return startOffset + parser.consumed();
    }

    /** Reads until the stream fails or the thread is interrupted. */
    public void run(BlockSink sink) throws IOException, InterruptedException {
        List<DbCommand> transaction = null;
        boolean ackRequested = false;
        while (!Thread.currentThread().isInterrupted()) {
            byte[][] args = parser.next();
            String name = new String(args[0], StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
            switch (name) {
                case "SELECT" -> db = Integer.parseInt(new String(args[1], StandardCharsets.US_ASCII));
                case "MULTI" -> transaction = new ArrayList<>();
                case "EXEC" -> {
                    if (transaction != null) {
                        sink.accept(new StreamBlock(transaction, db, offset(), ackRequested));
                        transaction = null;
                        ackRequested = false;
                        continue;
                    }
                }
                case "PING", "PUBLISH", "SPUBLISH" -> {
                    // not data: the offset moves, nothing is written
                }
                case "REPLCONF" -> ackRequested |= args.length > 1
                        && new String(args[1], StandardCharsets.US_ASCII).equalsIgnoreCase("GETACK");
                default -> {
                    DbCommand command = new DbCommand(db, args);
                    if (transaction != null) {
                        transaction.add(command);
                        continue;
                    }
                    sink.accept(new StreamBlock(List.of(command), db, offset(), ackRequested));
                    ackRequested = false;
                    continue;
                }
            }
            if (transaction == null) {
                sink.accept(new StreamBlock(List.of(), db, offset(), ackRequested));
                ackRequested = false;
            }
        }
        throw new InterruptedException();
    }
}
