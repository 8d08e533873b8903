package dev.redismigrate.container;

import dev.redismigrate.aws.execution.TaskCallback;
import dev.redismigrate.aws.execution.TaskTokenExpiredException;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container's heartbeat to its state, sent at most every {@code every} and only when work reports: from the
 * engine's progress loop and from the finish verification's progress (a verification of the whole target may take
 * longer than the state's heartbeat timeout). A loop or a verification that hangs stops beating, and the container
 * is replaced; there is no free-running heartbeat thread to hide it. A heartbeat that fails for a network reason is
 * tried again at the next report; one refused because the token expired is thrown
 * ({@link TaskTokenExpiredException}): the state no longer waits, so the work stops.
 */
final class Heartbeat {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final TaskCallback callback;
    private final Duration every;
    private final LongSupplier nanoTime;
    private final String syncKey;
    private long lastBeat;

    /**
     * @param nanoTime a monotonic clock ({@code System::nanoTime}); the first beat is due {@code every} from now
     * @param syncKey  the sync, as the log names it
     */
    Heartbeat(TaskCallback callback, Duration every, LongSupplier nanoTime, String syncKey) {
        this.callback = callback;
        this.every = every;
        this.nanoTime = nanoTime;
        this.syncKey = syncKey;
        this.lastBeat = nanoTime.getAsLong();
    }

    /** Beats when one is due; returns whether it did. */
    synchronized boolean beatIfDue() {
        long now = nanoTime.getAsLong();
        if (now - lastBeat < every.toNanos()) {
            return false;
        }
        try {
            callback.heartbeat();
            lastBeat = now;
            return true;
        } catch (TaskTokenExpiredException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("task {}: heartbeat failed ({}); trying again at the next report", syncKey, e.getMessage());
            return false;
        }
    }
}
