package dev.redismigrate.core.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs an action again after a {@link Backoff} while it fails with a retryable error, until the failures in a row
 * reach a number of attempts or (for {@link #forDuration}) have gone on for a time; the last failure is thrown as it
 * was. The sleeper and the clock are parameters so that tests run without waiting.
 */
public final class Retry {
    /** Waits between attempts (a test passes one that does not). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        Sleeper REAL = duration -> Thread.sleep(Math.max(1, duration.toMillis()));
    }

    /** Hears of every failure that is about to be retried, before the pause (to log it, or record a reconnect). */
    @FunctionalInterface
    public interface Listener {
        /** @param failures the failures in a row so far, this one included */
        void retrying(RuntimeException failure, int failures, Duration pause);

        Listener NONE = (failure, failures, pause) -> { };
    }

    /** What a long-running attempt can tell the retry while it runs (see {@link #callWithProgress}). */
    public interface Attempt {
        /**
         * This attempt got somewhere before it failed: its failure starts a new row (the backoff from its first step,
         * and the time and count of failures from zero).
         */
        void progressed();
    }

    /** Cleanup steps (unlock, restore): four attempts over about seven seconds, then the caller records the failure. */
    public static Retry forCleanup() {
        return new Retry(Backoff.API, 4, Sleeper.REAL);
    }

    /** A write that lost a race with another writer (a version conflict, a claim released meanwhile): six attempts. */
    public static Retry forConflicts() {
        return new Retry(Backoff.CONFLICT, 6, Sleeper.REAL);
    }

    /**
     * Attempts without a count, until the failures in a row have gone on for longer than {@code giveUpAfter} (the
     * sync's reconnection); {@code nanoTime} is {@code System::nanoTime} except in tests.
     */
    public static Retry forDuration(Backoff backoff, Duration giveUpAfter, Sleeper sleeper, LongSupplier nanoTime) {
        return new Retry(backoff, Integer.MAX_VALUE, giveUpAfter, sleeper, nanoTime, Listener.NONE);
    }

    private final Backoff backoff;
    private final int attempts;
    /** Null: no bound in time. */
    private final Duration giveUpAfter;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;
    private final Listener listener;

    public Retry(Backoff backoff, int attempts, Sleeper sleeper) {
        this(backoff, attempts, null, sleeper, System::nanoTime, Listener.NONE);
    }

    private Retry(Backoff backoff, int attempts, Duration giveUpAfter, Sleeper sleeper, LongSupplier nanoTime,
                  Listener listener) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        this.backoff = backoff;
        this.attempts = attempts;
        this.giveUpAfter = giveUpAfter;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
        this.listener = listener;
    }

    /** The same policy, telling {@code listener} of every failure it retries. */
    public Retry withListener(Listener listener) {
        return new Retry(backoff, attempts, giveUpAfter, sleeper, nanoTime, listener);
    }

    public <T> T call(Predicate<RuntimeException> retryable, Supplier<T> action) {
        return callWithProgress(retryable, attempt -> action.get());
    }

    public void run(Predicate<RuntimeException> retryable, Runnable action) {
        call(retryable, () -> {
            action.run();
            return null;
        });
    }

    /**
     * Like {@link #call}, for an action that runs long and may get somewhere before it fails (a sync session): the
     * action calls {@link Attempt#progressed()}, and its failure is the first of a new row.
     */
    public <T> T callWithProgress(Predicate<RuntimeException> retryable, Function<Attempt, T> action) {
        Row row = new Row();
        while (true) {
            try {
                return action.apply(row);
            } catch (RuntimeException e) {
                row.failed();
                if (!retryable.test(e) || row.failures >= attempts || row.tooLong()) {
                    throw e;
                }
                Duration pause = backoff.delay(row.failures - 1, ThreadLocalRandom.current().nextDouble());
                listener.retrying(e, row.failures, pause);
                pause(pause, e);
            }
        }
    }

    private void pause(Duration pause, RuntimeException failure) {
        try {
            sleeper.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.addSuppressed(e);
            throw failure;
        }
    }

    /** The failures in a row: how many, since when; an attempt that progressed starts a new row. */
    private final class Row implements Attempt {
        int failures;
        long since;
        boolean progressed;

        @Override
        public void progressed() {
            progressed = true;
        }

        void failed() {
            if (failures == 0 || progressed) {
                failures = 0;
                since = nanoTime.getAsLong();
                progressed = false;
            }
            failures++;
        }

        boolean tooLong() {
            return giveUpAfter != null && nanoTime.getAsLong() - since > giveUpAfter.toNanos();
        }
    }
}
