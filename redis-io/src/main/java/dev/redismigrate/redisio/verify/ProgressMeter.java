package dev.redismigrate.redisio.verify;

import dev.redismigrate.core.verify.VerifyPhase;
import dev.redismigrate.core.verify.VerifyProgress;
import java.util.function.Consumer;

/** Hands progress to the caller at most five times a second (and at the end of each phase). */
final class ProgressMeter {
    private static final long EVERY_NANOS = 200_000_000L;

    private final Consumer<VerifyProgress> sink;
    private final RedisSide source;
    private final RedisSide target;
    private final long startNanos = System.nanoTime();
    private long lastNanos;

    ProgressMeter(Consumer<VerifyProgress> sink, RedisSide source, RedisSide target) {
        this.sink = sink;
        this.source = source;
        this.target = target;
    }

    void report(VerifyPhase phase, int round, long done, long total, long differences, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastNanos < EVERY_NANOS) {
            return;
        }
        lastNanos = now;
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        sink.accept(new VerifyProgress(phase, round, done, total, differences, (source.ops() + target.ops()) / seconds));
    }
}
