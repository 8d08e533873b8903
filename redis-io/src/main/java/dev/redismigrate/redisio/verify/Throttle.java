package dev.redismigrate.redisio.verify;

import dev.redismigrate.core.verify.VerificationFailedException;

/**
 * Keeps the keys a verification reads from one server under a rate: each key reserves a slot of {@code 1/rate}
 * seconds and a caller whose slot lies in the future sleeps until then. Up to a tenth of a second of unused capacity
 * may be spent at once, so a batch goes out in one piece and the next one waits for it. Reservations are made under a
 * lock and the sleep outside it, so connections that share one throttle share one rate.
 */
final class Throttle {
    /** Time as the throttle sees it; tests drive it by hand. */
    interface Ticker {
        Ticker SYSTEM = new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(long nanos) throws InterruptedException {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        };

        long nanoTime();

        void sleep(long nanos) throws InterruptedException;
    }

    static final long BURST_NANOS = 100_000_000L;

    private final long nanosPerKey;
    private final Ticker ticker;
    private long nextFreeNanos;

    /** @param keysPerSecond 0 = no limit */
    Throttle(int keysPerSecond) {
        this(keysPerSecond, Ticker.SYSTEM);
    }

    Throttle(int keysPerSecond, Ticker ticker) {
        this.nanosPerKey = keysPerSecond == 0 ? 0 : 1_000_000_000L / keysPerSecond;
        this.ticker = ticker;
        this.nextFreeNanos = ticker.nanoTime();
    }

    /** Waits until {@code keys} more keys may be read. */
    void acquire(int keys) {
        if (nanosPerKey == 0 || keys <= 0) {
            return;
        }
        long waitNanos = reserve(keys);
        if (waitNanos > 0) {
            try {
                ticker.sleep(waitNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VerificationFailedException("verification interrupted", e);
            }
        }
    }

    private synchronized long reserve(int keys) {
        long now = ticker.nanoTime();
        nextFreeNanos = Math.max(nextFreeNanos, now - BURST_NANOS);
        long startAt = nextFreeNanos;
        nextFreeNanos += keys * nanosPerKey;
        return startAt - now;
    }
}
