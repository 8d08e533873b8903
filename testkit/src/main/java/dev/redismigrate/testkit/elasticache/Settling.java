package dev.redismigrate.testkit.elasticache;

import java.time.Duration;

/**
 * How long a changed resource stays in its transitional status ("modifying", "deleting") before it is "active" or
 * "available" again, as the service takes a while to apply a change.
 */
final class Settling {
    private final long durationNanos;
    private long until = System.nanoTime();

    Settling(Duration duration) {
        this.durationNanos = duration.toNanos();
    }

    /** A change starts now. */
    void start() {
        until = System.nanoTime() + durationNanos;
    }

    boolean busy() {
        return System.nanoTime() - until < 0;
    }
}
