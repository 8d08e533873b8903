package dev.redismigrate.redisio.verify;

import dev.redismigrate.core.verify.VerificationFailedException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Compares the pages of a full pass on several pairs of connections at once, so that a server has the next batch to
 * work on while the client reads another's replies or waits for the next SCAN page. The pairs share one throttle per
 * side; at most one page per pair is in flight, so memory stays bounded by the number of pairs. The first failure ends
 * the pass: it is thrown by the next {@link #submit} or by {@link #await}.
 */
final class PagePool implements AutoCloseable {
    private final int size;
    private final BlockingQueue<KeyComparer> idle;
    private final ExecutorService threads;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    PagePool(List<KeyComparer> comparers) {
        this.size = comparers.size();
        this.idle = new ArrayBlockingQueue<>(size, false, comparers);
        this.threads = Executors.newFixedThreadPool(size, runnable -> {
            Thread thread = new Thread(runnable, "verify-pages");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Waits for a free pair, then compares the page on it; {@code results} is called on the pair's thread. */
    void submit(int db, List<byte[]> page, Consumer<KeyComparer.Result> results) {
        rethrow();
        KeyComparer comparer = take();
        threads.execute(() -> {
            try {
                results.accept(comparer.compare(db, page));
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                idle.add(comparer);
            }
        });
    }

    /** Waits until every page submitted is compared. */
    void await() {
        KeyComparer[] all = new KeyComparer[size];
        for (int i = 0; i < size; i++) {
            all[i] = take();
        }
        idle.addAll(List.of(all));
        rethrow();
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    private KeyComparer take() {
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerificationFailedException("verification interrupted", e);
        }
    }

    private void rethrow() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }
}
