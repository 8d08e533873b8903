package dev.redismigrate.sync;

import dev.redismigrate.sync.failure.SyncFailure;
import dev.redismigrate.sync.resp.Info;
import dev.redismigrate.sync.resp.RespConnection;
import dev.redismigrate.sync.writer.TargetConnections;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A part of {@link SyncSides#DETECTED}, composed by {@link SyncSides#CLUSTER_TARGET} or {@link SyncSides#STANDALONE}
 * once the target endpoint has said which it is ({@code cluster_enabled:1} in {@code INFO cluster}), then kept.
 */
final class DetectedTarget<T> {
    private final TargetConnections target;
    private final Function<SyncSides, T> compose;
    private volatile T chosen;

    DetectedTarget(TargetConnections target, Function<SyncSides, T> compose) {
        this.target = target;
        this.compose = compose;
    }

    synchronized T get() {
        if (chosen == null) {
            chosen = compose.apply(isCluster(target) ? SyncSides.CLUSTER_TARGET : SyncSides.STANDALONE);
        }
        return chosen;
    }

    void ifKnown(Consumer<T> action) {
        T known = chosen;
        if (known != null) {
            action.accept(known);
        }
    }

    private static boolean isCluster(TargetConnections target) {
        try (RespConnection connection = target.connect()) {
            return "1".equals(Info.of(connection, "cluster").get("cluster_enabled"));
        } catch (IOException e) {
            throw SyncFailure.of(e);
        }
    }
}
