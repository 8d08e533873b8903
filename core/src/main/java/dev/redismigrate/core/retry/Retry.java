package dev.redismigrate.core.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs an action again after a {@link Backoff} while it fails with a retryable error, up to a number of attempts;
 * the last failure is thrown as it was. The sleeper is a parameter so that tests run without waiting.
 */
public final class Retry {
    /** Waits between attempts (a test passes one that does not). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        Sleeper REAL = duration -> Thread.sleep(Math.max(1, duration.toMillis()));
    }

    /** Cleanup steps (unlock, restore): four attempts over about seven seconds, then the caller records the failure. */
    public static Retry forCleanup() {
        return new Retry(Backoff.API, 4, Sleeper.REAL);
    }

    private final Backoff backoff;
    private final int attempts;
    private final Sleeper sleeper;

    public Retry(Backoff backoff, int attempts, Sleeper sleeper) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        this.backoff = backoff;
        this.attempts = attempts;
        this.sleeper = sleeper;
    }

    public <T> T call(Predicate<RuntimeException> retryable, Supplier<T> action) {
        for (int attempt = 0; ; attempt++) {
            try {
                return action.get();
            } catch (RuntimeException e) {
                if (attempt + 1 >= attempts || !retryable.test(e)) {
                    throw e;
                }
                pause(attempt, e);
            }
        }
    }

    public void run(Predicate<RuntimeException> retryable, Runnable action) {
        call(retryable, () -> {
            action.run();
            return null;
        });
    }

    private void pause(int attempt, RuntimeException failure) {
        try {
            sleeper.sleep(backoff.delay(attempt, ThreadLocalRandom.current().nextDouble()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.addSuppressed(e);
            throw failure;
        }
    }
}
