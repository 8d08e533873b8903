package dev.redismigrate.sync.ttl;

import dev.redismigrate.sync.snapshot.TtlGuard;
import dev.redismigrate.sync.spool.KeyLog;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The keys one session wrote with a pushed expiry ({@link TtlGuard}), so that the repair visits those keys and not
 * the whole target. Every command written while the guard is on passes through {@link #written}: one that sets an
 * expiry inside the pushed window (a snapshot {@code RESTORE ... ABSTTL} or {@code PEXPIREAT}, a guarded
 * {@code PEXPIREAT} or {@code SET ... PXAT} of the stream) names its key in the log, which lives in the spool.
 *
 * <p>A command that can carry a key's expiry to another key or database ({@code RENAME}, {@code COPY},
 * {@code MOVE}, {@code SWAPDB}), or whose writes are not visible here (a script or function an older source
 * replicates verbatim), makes the list incomplete: the repair then scans the whole target, as it does after a
 * resume, when this session did not see every guarded write.
 */
public final class PushedExpiries implements AutoCloseable {
    private static final List<String> MOVE_EXPIRIES = List.of("RENAME", "RENAMENX", "COPY", "MOVE", "SWAPDB", "EVAL",
            "EVALSHA", "FCALL");

    private final KeyLog log;
    private volatile String incomplete;

    public PushedExpiries(KeyLog log) {
        this.log = log;
    }

    /** Records the key of {@code command} (as written to the target) when it sets an expiry in the pushed window. */
    public void written(int db, byte[][] command, long nowMs) throws IOException {
        if (command.length < 3) {
            return;
        }
        long at = expiryWritten(command);
        if (at != NONE && at >= TtlGuard.windowStart(nowMs)) {
            log.append(db, command[1]);
        } else if (incomplete == null) {
            // a loop, not a stream: this runs for every command of the snapshot
            for (String name : MOVE_EXPIRIES) {
                if (is(command[0], name)) {
                    incomplete = "the stream ran " + name + " while expiries were pushed";
                    return;
                }
            }
        }
    }

    /** Why the log cannot stand for every pushed expiry, if it cannot. */
    public Optional<String> incompleteBecause() {
        return Optional.ofNullable(incomplete);
    }

    public long size() {
        return log.size();
    }

    public void forEach(KeyLog.Visitor visitor) throws IOException {
        log.forEach(visitor);
    }

    @Override
    public void close() throws IOException {
        log.close();
    }

    private static final long NONE = Long.MIN_VALUE;

    /** The absolute expiry (ms) {@code command} writes, or {@link #NONE}. */
    private static long expiryWritten(byte[][] command) {
        if (is(command[0], "PEXPIREAT")) {
            return number(command[2]);
        }
        if (is(command[0], "RESTORE") && command.length > 4) {
            for (int i = 4; i < command.length; i++) {
                if (is(command[i], "ABSTTL")) {
                    return number(command[2]);
                }
            }
            return NONE;
        }
        if (is(command[0], "SET")) {
            for (int i = 3; i + 1 < command.length; i++) {
                if (is(command[i], "PXAT")) {
                    return number(command[i + 1]);
                }
            }
        }
        return NONE;
    }

    /** ASCII case-insensitive comparison with an upper-case name, without allocating. */
    private static boolean is(byte[] arg, String upper) {
        if (arg.length != upper.length()) {
            return false;
        }
        for (int i = 0; i < arg.length; i++) {
            int c = arg[i];
            if (c >= 'a' && c <= 'z') {
                c -= 'a' - 'A';
            }
            if (c != upper.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A non-negative decimal (what the guard writes), or {@link #NONE}; parsed without a String per key. */
    private static long number(byte[] bytes) {
        if (bytes.length == 0) {
            return NONE;
        }
        long value = 0;
        for (byte b : bytes) {
            if (b < '0' || b > '9' || value > (Long.MAX_VALUE - 9) / 10) {
                return NONE;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }
}
