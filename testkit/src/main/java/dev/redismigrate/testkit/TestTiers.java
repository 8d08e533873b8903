package dev.redismigrate.testkit;

import org.opentest4j.TestAbortedException;

/**
 * A test whose tier cannot run on this machine (no Node, no npm packages, a Redis version that cannot be had) is
 * skipped with the reason, so that a developer's partial machine still runs the rest. CI sets
 * {@value #ALL_TIERS_ENV}{@code =1}: there a missing tier is a failure with the same reason, so a green CI run
 * means every tier ran. The Docker (LocalStack) tier is the one exception: it does not ask here.
 */
public final class TestTiers {
    public static final String ALL_TIERS_ENV = "REDIS_MIGRATE_ALL_TIERS";

    private TestTiers() {
    }

    /** Returns when {@code available}; otherwise skips the calling test, or fails it where every tier must run. */
    public static void require(boolean available, String reason) {
        if (available) {
            return;
        }
        if (allRequired()) {
            throw new AssertionError(reason + " (" + ALL_TIERS_ENV + "=1: every test tier must run here)");
        }
        throw new TestAbortedException(reason);
    }

    public static boolean allRequired() {
        return "1".equals(System.getenv(ALL_TIERS_ENV));
    }
}
