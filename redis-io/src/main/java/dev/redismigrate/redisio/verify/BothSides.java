package dev.redismigrate.redisio.verify;

import dev.redismigrate.core.verify.VerificationFailedException;
import dev.redismigrate.redisio.verify.RedisSide.Cmd;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The source and the target of one verification. A batch goes to both at once (the target's pipeline on a thread of
 * its own while the source's runs on the caller's), so a round trip costs the slower side, not the sum of both.
 */
final class BothSides implements AutoCloseable {
    /** The replies of one batch, in the order of its commands, from each side. */
    record SideReplies(List<Object> source, List<Object> target) {
    }

    private final RedisSide source;
    private final RedisSide target;
    private final ExecutorService targetThread = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "verify-target");
        thread.setDaemon(true);
        return thread;
    });

    BothSides(RedisSide source, RedisSide target) {
        this.source = source;
        this.target = target;
    }

    RedisSide source() {
        return source;
    }

    RedisSide target() {
        return target;
    }

    /** Waits until both servers may be asked about {@code keys} more keys. */
    void pace(int keys) {
        source.pace(keys);
        target.pace(keys);
    }

    /** Each side selects the database and runs the same commands. */
    SideReplies pipeline(int db, List<Cmd> commands) {
        if (commands.isEmpty()) {
            return new SideReplies(List.of(), List.of());
        }
        Future<List<Object>> targetReplies = onTarget(() -> {
            target.select(db);
            return target.pipeline(commands);
        });
        List<Object> sourceReplies;
        try {
            source.select(db);
            sourceReplies = source.pipeline(commands);
        } catch (RuntimeException e) {
            targetReplies.cancel(true);
            throw e;
        }
        return new SideReplies(sourceReplies, await(targetReplies));
    }

    /**
     * Runs {@code work} on the target's thread, after whatever runs there already: the target's connection is only
     * ever used by one thread at a time as long as the caller awaits it before using the target itself.
     */
    <T> Future<T> onTarget(Callable<T> work) {
        return targetThread.submit(work);
    }

    /** The result of work on the target's thread, its failure rethrown as it was. */
    static <T> T await(Future<T> work) {
        try {
            return work.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new VerificationFailedException("cannot read the target: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerificationFailedException("verification interrupted", e);
        }
    }

    /** Stops the target's thread and closes both connections. */
    @Override
    public void close() {
        targetThread.shutdownNow();
        source.close();
        target.close();
    }
}
