package dev.redismigrate.sync.status;

/**
 * A count of moments a waiting supervisor acts on, and the wait for the next one: the supervisor takes the count
 * ({@link #seen()}), does its round, then sleeps until the next report or an earlier {@link #changed()}.
 */
public final class Changes {
    private long changes;

    /** Something happened: wakes {@link #await} at once instead of at the next report. */
    public synchronized void changed() {
        changes++;
        notifyAll();
    }

    /** How many changes so far: the token for {@link #await}. */
    public synchronized long seen() {
        return changes;
    }

    /** Waits up to {@code millis} for a change after {@code seen} (returns at once if one already happened). */
    public synchronized void await(long seen, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        for (long left = millis; changes == seen && left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
            wait(left);
        }
    }
}
