package dev.redismigrate.sync.writer;

import java.nio.charset.StandardCharsets;

/**
 * A source's {@code FUNCTION LOAD code} is sent as {@code FUNCTION LOAD REPLACE code}. The source ran it, so the
 * library did not exist there, and the target ends the same; but the command becomes safe to apply twice: a cluster
 * target's keyless writes are not stamped, so a crash between one and the next watermark replays it, and every shard of
 * a cluster source that loads a library brings it to the same target (without {@code REPLACE}, the second load would
 * be refused and end the sync).
 */
final class FunctionLoadReplace {
    private static final byte[] REPLACE = "REPLACE".getBytes(StandardCharsets.US_ASCII);

    private FunctionLoadReplace() {
    }

    static byte[][] rewrite(byte[][] args) {
        if (args.length == 3 && is(args[0], "FUNCTION") && is(args[1], "LOAD")) {
            return new byte[][] {args[0], args[1], REPLACE, args[2]};
        }
        return args;
    }

    private static boolean is(byte[] arg, String word) {
        return new String(arg, StandardCharsets.US_ASCII).equalsIgnoreCase(word);
    }
}
