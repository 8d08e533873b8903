package dev.redismigrate.aws.execution;

import dev.redismigrate.core.port.SyncTasks;
import dev.redismigrate.core.retry.Backoff;
import dev.redismigrate.core.retry.Retry;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.usecase.cloud.ExecutionName;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.ServerException;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * {@link SyncLauncher} on ECS Fargate: first StopTask on every task of the cluster started by the sync's name
 * ({@link ExecutionName#startedBy}: {@code mig-<taskId>}, or {@code mig-<taskId>/<shard id>} for a shard of a cluster
 * source, which the janitor stops by too: a new run of the sync supersedes its earlier containers, never a sibling
 * shard's), then RunTask of the stack's sync task definition in its cluster and subnets, with that
 * {@code startedBy} and only the task id, the shard and the run id as environment overrides
 * ({@link SyncContainerEnvironment}). A RunTask that fails for lack of capacity (or is throttled) is tried again with backoff; a
 * new task is then watched for a short while, so that one stopping at once (an image it cannot pull) fails the launch
 * with ECS's reason rather than two heartbeat timeouts later. The stack sets the {@code REDIS_MIGRATE_SYNC_*}
 * variables on the start-sync function.
 */
public final class EcsSyncLauncher implements SyncLauncher {
    public static final String CLUSTER_ENV = EcsSyncTasks.CLUSTER_ENV;
    public static final String TASK_DEFINITION_ENV = "REDIS_MIGRATE_SYNC_TASK_DEFINITION";
    public static final String CONTAINER_ENV = "REDIS_MIGRATE_SYNC_CONTAINER";
    public static final String SUBNETS_ENV = "REDIS_MIGRATE_SYNC_SUBNETS";
    public static final String SECURITY_GROUPS_ENV = "REDIS_MIGRATE_SYNC_SECURITY_GROUPS";
    public static final String ASSIGN_PUBLIC_IP_ENV = "REDIS_MIGRATE_SYNC_ASSIGN_PUBLIC_IP";

    /** Where and how the container runs. */
    public record Settings(String cluster, String taskDefinition, String container, List<String> subnets,
                           List<String> securityGroups, boolean assignPublicIp) {
        public static Settings fromEnvironment(Map<String, String> env) {
            return new Settings(required(env, CLUSTER_ENV), required(env, TASK_DEFINITION_ENV), required(env, CONTAINER_ENV),
                    list(required(env, SUBNETS_ENV)), list(required(env, SECURITY_GROUPS_ENV)),
                    Boolean.parseBoolean(env.get(ASSIGN_PUBLIC_IP_ENV)));
        }

        private static String required(Map<String, String> env, String name) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException(name + " is not set: the stack sets it on the start-sync function");
            }
            return value;
        }

        private static List<String> list(String commaSeparated) {
            return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
    }

    /**
     * How long a launch insists: RunTask again while ECS lacks capacity, and DescribeTasks while the new task may still
     * stop at once (an image it cannot pull).
     */
    public record Patience(Retry capacity, Retry startWatch) {
        /**
         * Five RunTasks over at most about 30 s, then the new task watched for about 25 to 50 s: together well under
         * the start-sync function's timeout (150 s), and the state's heartbeat (300 s) starts only after that.
         */
        public static final Patience DEFAULT = new Patience(
                new Retry(new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(16)), 5, Retry.Sleeper.REAL),
                new Retry(new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(5)), 12, Retry.Sleeper.REAL));
    }

    /** The new task is still on its way (PROVISIONING, PENDING, ...): look again. */
    private static final class StillStarting extends RuntimeException {
        StillStarting() {
            super(null, null, false, false);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(EcsSyncLauncher.class);
    private static final String PULL_ERROR = "CannotPullContainerError";

    private final EcsClient ecs;
    private final Settings settings;
    private final Patience patience;
    private final SyncTasks earlier;

    public EcsSyncLauncher(EcsClient ecs, Settings settings) {
        this(ecs, settings, Patience.DEFAULT);
    }

    public EcsSyncLauncher(EcsClient ecs, Settings settings, Patience patience) {
        this.ecs = ecs;
        this.settings = settings;
        this.patience = patience;
        this.earlier = new EcsSyncTasks(ecs, settings.cluster());
    }

    @Override
    public void launch(String taskId, SyncShard shard, String runId) {
        // Per sync, so that a shard's new run stops only that shard's earlier containers, never its siblings.
        String startedBy = ExecutionName.startedBy(taskId, shard);
        int stopped = earlier.stop(startedBy, "redis-migrate: superseded by run " + runId + " of task " + shard.syncKey(taskId));
        if (stopped > 0) {
            LOG.info("task {}: asked {} earlier sync container(s) to stop before run {}", taskId, stopped, runId);
        }
        Task task = patience.capacity().call(EcsSyncLauncher::worthRetrying, () -> runTask(new SyncContainerEnvironment(taskId, shard, runId),
                startedBy));
        try {
            patience.startWatch().run(StillStarting.class::isInstance, () -> ensureNotStoppedAtOnce(taskId, task.taskArn()));
        } catch (StillStarting e) {
            LOG.info("task {}: the sync container of run {} is still starting; its heartbeat watches it from here", taskId, runId);
        }
    }

    private Task runTask(SyncContainerEnvironment environment, String startedBy) {
        RunTaskResponse response = ecs.runTask(r -> r.cluster(settings.cluster())
                .taskDefinition(settings.taskDefinition())
                .launchType(LaunchType.FARGATE)
                .startedBy(startedBy)
                .propagateTags(PropagateTags.TASK_DEFINITION)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(settings.subnets())
                        .securityGroups(settings.securityGroups())
                        .assignPublicIp(settings.assignPublicIp() ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED)))
                .overrides(o -> o.containerOverrides(c -> c.name(settings.container()).environment(
                        environment.variables().entrySet().stream()
                                .map(v -> KeyValuePair.builder().name(v.getKey()).value(v.getValue()).build())
                                .toList()))));
        if (response.hasTasks() && !response.tasks().isEmpty()) {
            return response.tasks().get(0);
        }
        String reasons = response.failures().stream().map(f -> f.reason() + (f.detail() == null ? "" : " (" + f.detail() + ")"))
                .collect(Collectors.joining("; "));
        boolean capacity = !response.failures().isEmpty()
                && response.failures().stream().allMatch(f -> EcsFailureReasons.isCapacity(f.reason()));
        throw new SyncLaunchException(capacity ? SyncLaunchException.Kind.NO_CAPACITY : SyncLaunchException.Kind.REFUSED,
                "ECS did not start the sync container of task " + environment.syncKey() + ": " + (reasons.isEmpty() ? "no reason given" : reasons)
                        + (capacity ? ". ECS had no capacity for it, also after retries; start the task again later"
                        : ". The run fails and its cleanup runs; check the sync-runner's subnets and task definition, then"
                        + " start the task again."));
    }

    /** A task that stopped before it ran fails the launch with what ECS said; one still starting is looked at again. */
    private void ensureNotStoppedAtOnce(String taskId, String taskArn) {
        DescribeTasksResponse described = ecs.describeTasks(r -> r.cluster(settings.cluster()).tasks(taskArn));
        Task task = described.hasTasks() && !described.tasks().isEmpty() ? described.tasks().get(0) : null;
        if (task == null || "RUNNING".equals(task.lastStatus())) {
            return;
        }
        if (!"STOPPED".equals(task.lastStatus())) {
            throw new StillStarting();
        }
        Optional<Container> notPulled = task.containers().stream()
                .filter(c -> c.reason() != null && c.reason().startsWith(PULL_ERROR)).findFirst();
        if (notPulled.isPresent() || String.valueOf(task.stoppedReason()).startsWith(PULL_ERROR)) {
            String image = notPulled.map(Container::image).orElseGet(() -> task.containers().isEmpty() ? "(unknown)"
                    : task.containers().get(0).image());
            throw new SyncLaunchException(SyncLaunchException.Kind.IMAGE_NOT_PULLED, "The sync container of task " + taskId
                    + " could not pull its image " + image + ": " + notPulled.map(Container::reason).orElse(task.stoppedReason())
                    + ". Nothing was synced; push the sync-runner image to that repository (docs/deployment.md) and make"
                    + " sure the subnets reach ECR and S3, then start the task again.");
        }
        throw new SyncLaunchException(SyncLaunchException.Kind.REFUSED, "The sync container of task " + taskId
                + " stopped as soon as it started: " + task.stoppedReason() + ". Its logs in CloudWatch say more; start the"
                + " task again once it is fixed.");
    }

    /** Retried: no capacity, and the ECS API's own throttling or server errors. */
    private static boolean worthRetrying(RuntimeException e) {
        if (e instanceof SyncLaunchException launch) {
            return launch.kind() == SyncLaunchException.Kind.NO_CAPACITY;
        }
        return e instanceof EcsException ecsError && (ecsError.isThrottlingException() || e instanceof ServerException);
    }
}
