package dev.redismigrate.redisio.verify;

import dev.redismigrate.core.verify.KeyText;
import java.util.Arrays;

/** A key in a database, compared by content (a byte[] alone compares by identity). */
record KeyRef(int db, byte[] key) {
    @Override
    public boolean equals(Object o) {
        return o instanceof KeyRef other && other.db == db && Arrays.equals(other.key, key);
    }

    @Override
    public int hashCode() {
        return 31 * db + Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "db" + db + " \"" + KeyText.printable(key) + "\"";
    }
}
