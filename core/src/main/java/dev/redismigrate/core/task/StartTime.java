package dev.redismigrate.core.task;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Reads a scheduled start typed by a person: an instant ({@code 2025-06-01T22:00:00Z}), a time with an offset
 * ({@code 2025-06-01T22:00+02:00}) or a local time in the given zone ({@code 2025-06-01 22:00}).
 */
public final class StartTime {
    private StartTime() {
    }

    /** Throws {@link IllegalArgumentException} with a one-line message naming the accepted forms. */
    public static Instant parse(String text, ZoneId zone) {
        String t = text == null ? "" : text.trim().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(t).atZone(zone).toInstant();
            } catch (DateTimeParseException notLocal) {
                throw new IllegalArgumentException("'" + text + "' is not a start time; use e.g. 2025-06-01T22:00:00Z,"
                        + " 2025-06-01T22:00+02:00 or 2025-06-01 22:00 (local time)");
            }
        }
    }
}
