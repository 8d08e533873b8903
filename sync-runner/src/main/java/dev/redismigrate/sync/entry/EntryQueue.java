package dev.redismigrate.sync.entry;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The bounded hand-over between a reader and the writer, bounded by bytes rather than count so that a run of big
 * payloads cannot exhaust the heap. One entry bigger than the bound still passes when the queue is empty.
 */
public final class EntryQueue {
    private final long capacityBytes;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long bytes;

    public EntryQueue(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    public synchronized void put(Entry entry) throws InterruptedException {
        long weight = entry.weight();
        while (!entries.isEmpty() && bytes + weight > capacityBytes) {
            wait();
        }
        entries.addLast(entry);
        bytes += weight;
        notifyAll();
    }

    /** The next entry, or null after the timeout. */
    public synchronized Entry poll(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (entries.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        Entry entry = entries.removeFirst();
        bytes -= entry.weight();
        notifyAll();
        return entry;
    }

    /** The next entry if one is waiting, without blocking. */
    public synchronized Entry pollNow() {
        Entry entry = entries.pollFirst();
        if (entry != null) {
            bytes -= entry.weight();
            notifyAll();
        }
        return entry;
    }

    public synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    public synchronized void clear() {
        entries.clear();
        bytes = 0;
        notifyAll();
    }
}
