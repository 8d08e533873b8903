package dev.redismigrate.aws.execution;

import dev.redismigrate.core.usecase.cloud.ExecutionName;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;

/**
 * {@link SyncLauncher} on ECS Fargate: RunTask of the stack's sync task definition in its cluster and subnets, with
 * {@code startedBy = mig-<taskId>} (the execution's name, which the janitor stops by) and only the task id and run id
 * as environment overrides. The stack sets the {@code REDIS_MIGRATE_SYNC_*} variables on the start-sync function.
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

    private final EcsClient ecs;
    private final Settings settings;

    public EcsSyncLauncher(EcsClient ecs, Settings settings) {
        this.ecs = ecs;
        this.settings = settings;
    }

    @Override
    public void launch(String taskId, String runId) {
        RunTaskResponse response = ecs.runTask(r -> r.cluster(settings.cluster())
                .taskDefinition(settings.taskDefinition())
                .launchType(LaunchType.FARGATE)
                .startedBy(ExecutionName.forTask(taskId))
                .propagateTags(PropagateTags.TASK_DEFINITION)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(settings.subnets())
                        .securityGroups(settings.securityGroups())
                        .assignPublicIp(settings.assignPublicIp() ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED)))
                .overrides(o -> o.containerOverrides(c -> c.name(settings.container()).environment(
                        KeyValuePair.builder().name(SyncContainerEnvironment.TASK_ID).value(taskId).build(),
                        KeyValuePair.builder().name(SyncContainerEnvironment.RUN_ID).value(runId).build()))));
        if (!response.hasTasks() || response.tasks().isEmpty()) {
            String reasons = response.failures().stream().map(f -> f.reason() + (f.detail() == null ? "" : " (" + f.detail() + ")"))
                    .collect(Collectors.joining("; "));
            throw new SyncLaunchException("ECS did not start the sync container of task " + taskId + ": "
                    + (reasons.isEmpty() ? "no reason given" : reasons)
                    + ". The run fails and its cleanup runs; check the sync-runner's subnets and Fargate capacity, then start the task again.");
        }
    }
}
