package dev.redismigrate.core.verify;

import java.util.Objects;

/**
 * One difference that persisted through every round.
 *
 * @param db the database number
 * @param key the key in printable form ({@link KeyText#printable(byte[])}); null for a {@link DifferenceKind#COUNT}
 * @param detail what was seen on each side, e.g. {@code source hash, target string}
 */
public record Difference(int db, String key, DifferenceKind kind, String detail) {
    public Difference {
        Objects.requireNonNull(kind, "kind");
        detail = detail == null ? "" : detail;
    }

    /** {@code db0 VALUE "user:1": hash field "name" differs} */
    public String line() {
        return "db" + db + " " + kind + (key == null ? "" : " \"" + key + "\"") + (detail.isEmpty() ? "" : ": " + detail);
    }
}
