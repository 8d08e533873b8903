package dev.redismigrate.redisio.verify;

/**
 * Keeps the commands sent to one server under a rate: each command reserves a slot of {@code 1/rate} seconds and a
 * caller whose slot lies in the future sleeps until then. Up to a tenth of a second of unused capacity may be spent at
 * once, so a pipelined batch goes out in one piece and the next one waits for it.
 */
final class Throttle {
    private static final long BURST_NANOS = 100_000_000L;

    private final long nanosPerOp;
    private long nextFreeNanos;

    /** @param opsPerSecond 0 = no limit */
    Throttle(int opsPerSecond) {
        this.nanosPerOp = opsPerSecond == 0 ? 0 : 1_000_000_000L / opsPerSecond;
        this.nextFreeNanos = System.nanoTime();
    }

    void acquire(int ops) {
        if (nanosPerOp == 0) {
            return;
        }
        long now = System.nanoTime();
        nextFreeNanos = Math.max(nextFreeNanos, now - BURST_NANOS);
        long startAt = nextFreeNanos;
        nextFreeNanos += ops * nanosPerOp;
        long waitNanos = startAt - now;
        if (waitNanos > 0) {
            try {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
