package dev.redismigrate.sync.writer;

import dev.redismigrate.sync.snapshot.TtlGuard;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The TTL gap guard ({@link TtlGuard}) applied to the command stream while it catches up: absolute expiries the
 * source propagates (Redis 7 sends {@code PEXPIREAT}, {@code SET ... PXAT}, {@code RESTORE ... ABSTTL}) are pushed
 * out like the snapshot's, so a key renewed on the source while we lag is not expired by the target first. Relative
 * expiries (older sources) only grow by the lag and need nothing.
 */
final class StreamTtlGuard {
    private StreamTtlGuard() {
    }

    static byte[][] guard(byte[][] args, long nowMs) {
        String name = upper(args[0]);
        switch (name) {
            case "PEXPIREAT":
                if (args.length >= 3) {
                    return replaced(args, 2, guarded(parse(args[2]), 1, nowMs));
                }
                return args;
            case "EXPIREAT":
                if (args.length >= 3) {
                    byte[][] copy = replaced(args, 2, guarded(parse(args[2]), 1000, nowMs));
                    if (copy != args) {
                        copy[0] = ascii("PEXPIREAT");
                    }
                    return copy;
                }
                return args;
            case "SET":
                for (int i = 3; i + 1 < args.length; i++) {
                    String option = upper(args[i]);
                    if (option.equals("PXAT")) {
                        return replaced(args, i + 1, guarded(parse(args[i + 1]), 1, nowMs));
                    }
                    if (option.equals("EXAT")) {
                        byte[][] copy = replaced(args, i + 1, guarded(parse(args[i + 1]), 1000, nowMs));
                        if (copy != args) {
                            copy[i] = ascii("PXAT");
                        }
                        return copy;
                    }
                }
                return args;
            case "RESTORE":
                if (args.length >= 4 && parse(args[2]) > 0) {
                    for (int i = 4; i < args.length; i++) {
                        if (upper(args[i]).equals("ABSTTL")) {
                            return replaced(args, 2, guarded(parse(args[2]), 1, nowMs));
                        }
                    }
                }
                return args;
            default:
                return args;
        }
    }

    /** A copy with {@code args[index]} replaced; {@code value} is {@link #INVALID} when the original was no number. */
    private static byte[][] replaced(byte[][] args, int index, long value) {
        if (value == INVALID) {
            return args;
        }
        byte[][] copy = args.clone();
        copy[index] = ascii(Long.toString(value));
        return copy;
    }

    private static final long INVALID = Long.MIN_VALUE;

    /** The number, or a value whose guarded form is {@link #INVALID} (the target will reject the command itself). */
    private static long parse(byte[] bytes) {
        try {
            return Long.parseLong(new String(bytes, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return INVALID;
        }
    }

    private static long guarded(long at, long unitMs, long nowMs) {
        return at == INVALID ? INVALID : TtlGuard.guarded(at * unitMs, nowMs);
    }

    private static String upper(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
