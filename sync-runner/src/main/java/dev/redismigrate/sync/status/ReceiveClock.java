package dev.redismigrate.sync.status;

import java.util.ArrayDeque;

/**
 * When stream offsets arrived, sampled every 50 ms: a sample (offset, time) says every byte up to that offset had
 * arrived by that time. It tells the lag in time (the age of the oldest byte not yet applied) and when the source
 * issued a command, to turn a relative TTL into the absolute one the source meant.
 */
public final class ReceiveClock {
    private static final long SAMPLE_EVERY_MS = 50;
    private static final int MAX_SAMPLES = 200_000;

    private record Sample(long offset, long atMs) {
    }

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private Sample latest;

    public synchronized void received(long offset, long nowMs) {
        Sample last = samples.peekLast();
        if (last == null || nowMs - last.atMs() >= SAMPLE_EVERY_MS) {
            if (latest != null) {
                // kept: after a pause in the stream, the next sample would date these bytes by the end of the pause
                add(latest);
                latest = null;
            }
            add(new Sample(offset, nowMs));
        } else {
            latest = new Sample(offset, nowMs);
        }
    }

    private void add(Sample sample) {
        samples.addLast(sample);
        if (samples.size() > MAX_SAMPLES) {
            samples.removeFirst();
        }
    }

    /** An upper bound (within 50 ms) of when the byte at {@code offset} arrived; now if not yet seen. */
    public synchronized long receivedAtMs(long offset, long nowMs) {
        for (Sample sample : samples) {
            if (sample.offset() >= offset) {
                return sample.atMs();
            }
        }
        return latest != null && latest.offset() >= offset ? latest.atMs() : nowMs;
    }

    /** Milliseconds since the first byte after {@code appliedOffset} arrived; 0 when nothing is pending. */
    public synchronized long lagMillis(long appliedOffset, long receivedOffset, long nowMs) {
        if (appliedOffset >= receivedOffset) {
            return 0;
        }
        // samples wholly applied are no longer needed by either question
        while (samples.size() > 1 && samples.peekFirst().offset() <= appliedOffset) {
            samples.removeFirst();
        }
        return Math.max(0, nowMs - receivedAtMs(appliedOffset + 1, nowMs));
    }
}
