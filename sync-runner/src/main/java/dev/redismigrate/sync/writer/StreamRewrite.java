package dev.redismigrate.sync.writer;

import dev.redismigrate.sync.entry.StreamBlock;
import java.io.IOException;

/**
 * A source command as any target writer sends it: a {@code FUNCTION LOAD} made safe to apply twice
 * ({@link FunctionLoadReplace}), relative expiries made absolute from when the command arrived ({@link AbsoluteTtl})
 * and, while the TTL gap guard is on, expiries pushed out ({@link StreamTtlGuard}) and the
 * command reported to the {@link EntryWriter.Listener} (the key log of pushed expiries).
 */
public final class StreamRewrite {
    private StreamRewrite() {
    }

    public static byte[][] forTarget(StreamBlock.DbCommand command, long issuedAtMs, TargetFacts facts, boolean guard,
                                     long nowMs, EntryWriter.Listener listener) throws IOException {
        byte[][] args = AbsoluteTtl.rewrite(FunctionLoadReplace.rewrite(command.args()), issuedAtMs, facts.hasPxat());
        if (guard) {
            args = StreamTtlGuard.guard(args, nowMs);
            listener.writtenWhileGuarding(command.db(), args);
        }
        return args;
    }
}
