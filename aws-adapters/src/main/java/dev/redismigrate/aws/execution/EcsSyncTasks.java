package dev.redismigrate.aws.execution;

import dev.redismigrate.core.port.SyncTasks;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * {@link SyncTasks} in the migration's ECS cluster: {@code ListTasks} by {@code startedBy} (the start-sync function sets
 * it per sync, {@code ExecutionName.startedBy}), then {@code StopTask}, which gives the container its SIGTERM and the stop timeout to end.
 *
 * <p>ECS documents {@code startedBy} as a filter that "must be the only filter that you use" (ListTasks answers
 * InvalidParameterException otherwise), so no {@code desiredStatus} is sent: the documented default lists the tasks
 * whose desired status is RUNNING, the ones still to stop.
 */
public final class EcsSyncTasks implements SyncTasks {
    public static final String CLUSTER_ENV = "REDIS_MIGRATE_SYNC_CLUSTER";
    private static final int REASON_LIMIT = 255;

    private final EcsClient ecs;
    private final String cluster;

    public EcsSyncTasks(EcsClient ecs, String cluster) {
        this.ecs = ecs;
        this.cluster = cluster;
    }

    @Override
    public int stop(String startedBy, String reason) {
        if (cluster == null || cluster.isBlank()) {
            throw new IllegalStateException(CLUSTER_ENV + " is not set: the janitor cannot find the sync containers");
        }
        String shortReason = reason.length() > REASON_LIMIT ? reason.substring(0, REASON_LIMIT) : reason;
        List<String> running = ecs.listTasksPaginator(r -> r.cluster(cluster).startedBy(startedBy))
                .taskArns().stream().toList();
        running.forEach(task -> ecs.stopTask(r -> r.cluster(cluster).task(task).reason(shortReason)));
        return running.size();
    }
}
