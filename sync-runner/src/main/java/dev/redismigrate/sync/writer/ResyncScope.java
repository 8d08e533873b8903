package dev.redismigrate.sync.writer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a resync removes from the target before the snapshot is applied again: what this sync's source owns there.
 * A standalone source owns the whole target ({@link #WHOLE_TARGET}); one shard of a cluster source owns only the keys
 * of its slots, and the other shards' data must stay ({@code shard/ShardKeys}).
 */
public interface ResyncScope {
    /** {@code FLUSHALL}, and {@code FUNCTION FLUSH} where functions exist (FLUSHALL keeps them; the snapshot brings them). */
    ResyncScope WHOLE_TARGET = facts -> facts.hasFunctions()
            ? List.<byte[][]>of(command("FLUSHALL"), command("FUNCTION", "FLUSH"))
            : List.<byte[][]>of(command("FLUSHALL"));

    /**
     * Empties the scope. Runs on the writer's thread before the snapshot's first batch, when nothing of this session
     * is in flight; may erase on a connection of its own and returns the commands that go first into that batch.
     */
    List<byte[][]> clear(TargetFacts facts) throws IOException;

    /**
     * The keys in the scope when it is a part of the target, empty for the whole target. The TTL repair that scans the
     * target (after a resume) fixes those only: another source's keys may still carry expiries pushed for a catch-up
     * that is not over.
     */
    default Optional<Predicate<byte[]>> keys() {
        return Optional.empty();
    }

    private static byte[][] command(String... words) {
        byte[][] args = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            args[i] = words[i].getBytes(StandardCharsets.US_ASCII);
        }
        return args;
    }
}
