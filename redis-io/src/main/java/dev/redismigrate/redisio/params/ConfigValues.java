package dev.redismigrate.redisio.params;

import dev.redismigrate.core.params.MemorySize;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a parameter's value is recorded and sent with {@code CONFIG SET}, alike on Redis 2.8 to 8.
 *
 * <p>Memory sizes with a unit ({@code 256mb}) are sent in bytes: Redis 2.8's CONFIG SET accepts only plain numbers
 * for them (the config file accepts units, CONFIG SET did not).
 *
 * <p>{@code client-output-buffer-limit} holds one limit per client class ({@code normal 0 0 0 slave 268435456
 * 67108864 60 pubsub ...}). A requested value names the classes it changes, in CONFIG SET's form: {@code replica
 * 1gb 512mb 120}. Only those classes are set, their old limits are recorded in the same form, and restoring sets
 * just those classes back. The class is sent as {@code slave}, the one name every version knows (5.0 added
 * {@code replica}).
 */
final class ConfigValues {
    static final String OUTPUT_BUFFER_LIMIT = "client-output-buffer-limit";

    private ConfigValues() {
    }

    /**
     * The value to record before changing {@code name}, given its whole current value, or empty when the requested
     * value cannot be used (an unknown class of client).
     */
    static Optional<String> previous(String name, String requested, String current) {
        if (!name.equals(OUTPUT_BUFFER_LIMIT)) {
            return Optional.of(current);
        }
        List<String[]> asked = limits(requested);
        List<String[]> now = limits(current);
        if (asked.isEmpty()) {
            return Optional.empty();
        }
        List<String> old = new ArrayList<>();
        for (String[] limit : asked) {
            String[] match = now.stream().filter(l -> clientClass(l[0]).equals(clientClass(limit[0]))).findFirst().orElse(null);
            if (match == null) {
                return Optional.empty();
            }
            old.add(String.join(" ", limit[0], match[1], match[2], match[3]));
        }
        return Optional.of(String.join(" ", old));
    }

    /** The argument for {@code CONFIG SET name}. */
    static String forConfigSet(String name, String value) {
        if (!name.equals(OUTPUT_BUFFER_LIMIT)) {
            return bytes(value);
        }
        List<String> parts = new ArrayList<>();
        for (String[] limit : limits(value)) {
            parts.add(String.join(" ", clientClass(limit[0]), bytes(limit[1]), bytes(limit[2]), limit[3]));
        }
        return String.join(" ", parts);
    }

    /** Groups of class, hard, soft, seconds; empty when the value is not made of such groups. */
    private static List<String[]> limits(String value) {
        String[] words = value.strip().split("\\s+");
        List<String[]> limits = new ArrayList<>();
        if (words.length % 4 != 0) {
            return limits;
        }
        for (int i = 0; i < words.length; i += 4) {
            if (clientClass(words[i]) == null) {
                return List.of();
            }
            limits.add(new String[] {words[i], words[i + 1], words[i + 2], words[i + 3]});
        }
        return limits;
    }

    private static String clientClass(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "normal" -> "normal";
            case "replica", "slave" -> "slave";
            case "pubsub" -> "pubsub";
            default -> null;
        };
    }

    /** A memory size in bytes (2.8 rejects units); anything that is not a size goes through unchanged. */
    private static String bytes(String value) {
        try {
            return Long.toString(MemorySize.parse(value));
        } catch (IllegalArgumentException | ArithmeticException notASize) {
            return value;
        }
    }
}
