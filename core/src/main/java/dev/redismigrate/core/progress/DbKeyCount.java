package dev.redismigrate.core.progress;

/** One database's line of INFO keyspace: all keys, and how many of them carry a TTL. */
public record DbKeyCount(long keys, long expires) {
    /** Keys without a TTL: these must match exactly, while keys with a TTL may legitimately expire in between. */
    public long persistent() {
        return keys - expires;
    }

    /** The counts of two databases (or two shards' parts of one) together. */
    public DbKeyCount plus(DbKeyCount other) {
        return new DbKeyCount(keys + other.keys, expires + other.expires);
    }
}
