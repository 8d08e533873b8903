package dev.redismigrate.sync.writer;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Older sources (before Redis 7) propagate expiries as they were given, relative to "now". Applied later (after the
 * snapshot, or with lag), such a TTL would run from the moment of applying and the key would live longer on the
 * target than on the source. So relative expiries become absolute, counted from when the command arrived from the
 * source: {@code EXPIRE/PEXPIRE} become {@code PEXPIREAT}, and (on targets with {@code PXAT}, 6.2+)
 * {@code SETEX/PSETEX} and {@code SET ... EX/PX} become {@code SET ... PXAT}.
 */
final class AbsoluteTtl {
    private AbsoluteTtl() {
    }

    static byte[][] rewrite(byte[][] args, long issuedAtMs, boolean targetHasPxat) {
        String name = upper(args[0]);
        try {
            switch (name) {
                case "EXPIRE", "PEXPIRE": {
                    if (args.length < 3) {
                        return args;
                    }
                    long unit = name.equals("EXPIRE") ? 1000 : 1;
                    byte[][] copy = args.clone();
                    copy[0] = ascii("PEXPIREAT");
                    copy[2] = ascii(Long.toString(issuedAtMs + Long.parseLong(text(args[2])) * unit));
                    return copy;
                }
                case "SETEX", "PSETEX": {
                    if (!targetHasPxat || args.length != 4) {
                        return args;
                    }
                    long unit = name.equals("SETEX") ? 1000 : 1;
                    long at = issuedAtMs + Long.parseLong(text(args[2])) * unit;
                    return new byte[][] {ascii("SET"), args[1], args[3], ascii("PXAT"), ascii(Long.toString(at))};
                }
                case "SET": {
                    if (!targetHasPxat) {
                        return args;
                    }
                    for (int i = 3; i + 1 < args.length; i++) {
                        String option = upper(args[i]);
                        if (option.equals("EX") || option.equals("PX")) {
                            long unit = option.equals("EX") ? 1000 : 1;
                            byte[][] copy = args.clone();
                            copy[i] = ascii("PXAT");
                            copy[i + 1] = ascii(Long.toString(issuedAtMs + Long.parseLong(text(args[i + 1])) * unit));
                            return copy;
                        }
                    }
                    return args;
                }
                default:
                    return args;
            }
        } catch (NumberFormatException e) {
            return args; // the target rejects it as the source would have
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static String upper(byte[] bytes) {
        return text(bytes).toUpperCase(Locale.ROOT);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
