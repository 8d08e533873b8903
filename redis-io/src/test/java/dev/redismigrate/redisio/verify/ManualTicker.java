package dev.redismigrate.redisio.verify;

import java.util.concurrent.atomic.AtomicLong;

/** Time that moves only when a throttle sleeps: what a throttle did shows as the time it waited, never as wall time. */
final class ManualTicker implements Throttle.Ticker {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicLong slept = new AtomicLong();

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public void sleep(long nanos) {
        slept.addAndGet(nanos);
        now.addAndGet(nanos);
    }

    void advance(long nanos) {
        now.addAndGet(nanos);
    }

    double secondsSlept() {
        return slept.get() / 1e9;
    }
}
