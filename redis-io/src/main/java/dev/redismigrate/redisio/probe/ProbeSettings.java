package dev.redismigrate.redisio.probe;

import java.time.Duration;

/**
 * Time limits of a probe. {@code connectTimeout} bounds name resolution and the TCP connect; {@code readTimeout}
 * every reply (and the TLS handshake); {@code typeScanBudget} the whole search on the source for data types an older target lacks, after
 * which the scan reports itself incomplete rather than keep a large source busy.
 */
public record ProbeSettings(Duration connectTimeout, Duration readTimeout, Duration typeScanBudget) {
    public static ProbeSettings defaults() {
        return new ProbeSettings(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(3));
    }

    int connectMillis() {
        return Math.toIntExact(connectTimeout.toMillis());
    }

    int readMillis() {
        return Math.toIntExact(readTimeout.toMillis());
    }
}
