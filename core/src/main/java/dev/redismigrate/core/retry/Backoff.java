package dev.redismigrate.core.retry;

import java.time.Duration;

/**
 * The one backoff policy of the product: a base delay doubling up to a ceiling, with jitter (a point drawn in the
 * upper half of the step, {@code jitter} in [0, 1)) so that processes that lost the same server or API do not all
 * come back at the same moment.
 */
public record Backoff(Duration base, Duration ceiling) {
    /** The sync's reconnection: 0.5 s doubling up to 30 s. */
    public static final Backoff RECONNECT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    /** Cloud API calls and cleanup steps: 1 s doubling up to 20 s. */
    public static final Backoff API = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(20));
    /** A write that lost a race with another writer: 20 ms doubling up to 200 ms. */
    public static final Backoff CONFLICT = new Backoff(Duration.ofMillis(20), Duration.ofMillis(200));

    public Duration delay(int attempt, double jitter) {
        long step = Math.min(ceiling.toMillis(), base.toMillis() << Math.min(attempt, 20));
        return Duration.ofMillis(step / 2 + (long) (jitter * (step / 2)));
    }
}
