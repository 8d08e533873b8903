package dev.redismigrate.core.params;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory sizes the way redis.conf writes them: {@code 1k} = 1000, {@code 1kb} = 1024, likewise m/mb and g/gb; a plain
 * number is bytes.
 */
public final class MemorySize {
    private static final Pattern FORM = Pattern.compile("(\\d{1,19})\\s*(b|k|kb|m|mb|g|gb)?");

    private MemorySize() {
    }

    /** Bytes; throws {@link IllegalArgumentException} if the text is not a size. */
    public static long parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a memory size (e.g. 256mb, 2gb, 1048576)");
        }
        long number = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        long factor = switch (unit) {
            case "k" -> 1000L;
            case "kb" -> 1024L;
            case "m" -> 1000L * 1000;
            case "mb" -> 1024L * 1024;
            case "g" -> 1000L * 1000 * 1000;
            case "gb" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return Math.multiplyExact(number, factor);
    }

    /** For messages: {@code 512 B}, {@code 5.2 MiB}, {@code 2.0 GiB}. */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
