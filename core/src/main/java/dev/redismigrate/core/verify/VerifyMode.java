package dev.redismigrate.core.verify;

import java.util.Locale;

/** How much a verification compares; each mode costs more than the one before it. */
public enum VerifyMode {
    /** Per-DB key counts, and counts of keys without a TTL, from INFO keyspace: a few commands whatever the size. */
    COUNTS,
    /** COUNTS, then N random keys of each side compared fully (type, TTL, value). */
    SAMPLE,
    /** Every key of both sides compared fully: missing on target, extra on target, type, TTL, value. */
    FULL;

    /** {@code counts}, {@code sample} or {@code full}, any case. */
    public static VerifyMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown verification mode '" + text + "'; use counts, sample or full");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
