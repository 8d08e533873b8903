package dev.redismigrate.redisio.verify;

import dev.redismigrate.core.verify.VerifyPhase;
import dev.redismigrate.core.verify.VerifyProgress;
import java.util.List;
import java.util.function.Consumer;

/** Hands progress to the caller at most five times a second (and at the end of each phase). */
final class ProgressMeter {
    private static final long EVERY_NANOS = 200_000_000L;

    private final Consumer<VerifyProgress> sink;
    private final List<RedisSide> connections;
    private final long startNanos = System.nanoTime();
    private long lastNanos;

    /** @param connections every connection to either side, whose commands are counted */
    ProgressMeter(Consumer<VerifyProgress> sink, List<RedisSide> connections) {
        this.sink = sink;
        this.connections = connections;
    }

    void report(VerifyPhase phase, int round, long done, long total, long differences, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastNanos < EVERY_NANOS) {
            return;
        }
        lastNanos = now;
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        sink.accept(new VerifyProgress(phase, round, done, total, differences, ops() / seconds));
    }

    private long ops() {
        return connections.stream().mapToLong(RedisSide::ops).sum();
    }
}
