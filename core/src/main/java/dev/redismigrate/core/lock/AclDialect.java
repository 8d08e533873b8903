package dev.redismigrate.core.lock;

/**
 * What the target's {@code ACL SETUSER} understands, by version: pub/sub channel rules and payload flags came in
 * 6.2, selectors in 7.0. Rules the server does not know are an error, so the lock only uses what it may.
 */
public enum AclDialect {
    /** 6.0 and 6.1: users, passwords, keys, commands. */
    REDIS_6_0,
    /** 6.2: adds channels ({@code &pattern}, {@code resetchannels}, {@code allchannels}), {@code failover}, payload flags. */
    REDIS_6_2,
    /** 7.0 and later: adds selectors ({@code (...)}, {@code clearselectors}) and read/write key patterns. */
    REDIS_7_0;

    /** The dialect of a server version, or null below 6.0 (no ACL: nothing can be locked). */
    public static AclDialect of(int major, int minor) {
        if (major < 6) {
            return null;
        }
        if (major == 6) {
            return minor < 2 ? REDIS_6_0 : REDIS_6_2;
        }
        return REDIS_7_0;
    }

    boolean hasChannels() {
        return this != REDIS_6_0;
    }

    boolean hasSelectors() {
        return this == REDIS_7_0;
    }
}
