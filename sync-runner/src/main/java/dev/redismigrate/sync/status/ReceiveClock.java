package dev.redismigrate.sync.status;

import java.util.ArrayDeque;

/**
 * When stream offsets arrived, sampled, so the lag in bytes can be told as a lag in time: the age of the oldest
 * byte received but not yet applied.
 */
public final class ReceiveClock {
    private static final long SAMPLE_EVERY_MS = 50;
    private static final int MAX_SAMPLES = 100_000;

    private record Sample(long offset, long atMs) {
    }

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    public synchronized void received(long offset, long nowMs) {
        Sample last = samples.peekLast();
        if (last != null && nowMs - last.atMs() < SAMPLE_EVERY_MS) {
            return;
        }
        samples.addLast(new Sample(offset, nowMs));
        if (samples.size() > MAX_SAMPLES) {
            samples.removeFirst();
        }
    }

    /** Milliseconds since the first byte after {@code appliedOffset} arrived; 0 when nothing is pending. */
    public synchronized long lagMillis(long appliedOffset, long receivedOffset, long nowMs) {
        if (appliedOffset >= receivedOffset) {
            return 0;
        }
        while (!samples.isEmpty() && samples.peekFirst().offset() <= appliedOffset) {
            samples.removeFirst();
        }
        Sample oldest = samples.peekFirst();
        return oldest == null ? 0 : Math.max(0, nowMs - oldest.atMs());
    }
}
