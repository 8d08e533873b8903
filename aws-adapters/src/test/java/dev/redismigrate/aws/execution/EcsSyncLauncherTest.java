package dev.redismigrate.aws.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redismigrate.aws.RecordedHttpClient;
import dev.redismigrate.core.retry.Backoff;
import dev.redismigrate.core.retry.Retry;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.task.SyncShard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;

/** The launcher over recorded ECS answers: ListTasks and StopTask, RunTask (retried when ECS lacks capacity), DescribeTasks. */
class EcsSyncLauncherTest {
    private static final EcsSyncLauncher.Settings SETTINGS = new EcsSyncLauncher.Settings(
            "arn:aws:ecs:eu-west-1:123456789012:cluster/RedisMigrate-sync",
            "arn:aws:ecs:eu-west-1:123456789012:task-definition/RedisMigrateSyncRunner:3", "sync-runner",
            List.of("subnet-0aaa", "subnet-0bbb"), List.of("sg-0ccc"), false);
    private static final int RUN_ATTEMPTS = 5;
    private static final int WATCH_LOOKS = 3;
    private static final Retry.Sleeper NO_WAIT = duration -> { };

    private final RecordedHttpClient http = new RecordedHttpClient();
    private final EcsSyncLauncher launcher = new EcsSyncLauncher(http.client(EcsClient.builder()), SETTINGS,
            new EcsSyncLauncher.Patience(new Retry(Backoff.API, RUN_ATTEMPTS, NO_WAIT), new Retry(Backoff.API, WATCH_LOOKS, NO_WAIT)));

    @Test
    void runsTheSyncTaskStartedByTheExecutionNameAndTellsItOnlyTheTaskAndTheRun() {
        http.answer(200, "ecs/list-tasks-none.json").answer(200, "ecs/run-task.json").answer(200, "ecs/describe-tasks-running.json");

        launcher.launch("k3xq7m2p9c4a", SyncShard.WHOLE, "run-1");

        JsonNode request = body(1);
        assertThat(request.get("cluster").asText()).isEqualTo(SETTINGS.cluster());
        assertThat(request.get("taskDefinition").asText()).isEqualTo(SETTINGS.taskDefinition());
        assertThat(request.get("launchType").asText()).isEqualTo("FARGATE");
        assertThat(request.get("startedBy").asText()).isEqualTo("mig-k3xq7m2p9c4a");
        JsonNode network = request.get("networkConfiguration").get("awsvpcConfiguration");
        assertThat(network.get("subnets")).hasSize(2);
        assertThat(network.get("assignPublicIp").asText()).isEqualTo("DISABLED");
        JsonNode override = request.get("overrides").get("containerOverrides").get(0);
        assertThat(override.get("name").asText()).isEqualTo("sync-runner");
        assertThat(TaskJson.mapper().convertValue(override.get("environment"), List.class)).containsExactly(
                Map.of("name", "REDIS_MIGRATE_TASK_ID", "value", "k3xq7m2p9c4a"),
                Map.of("name", "REDIS_MIGRATE_SYNC_RUN", "value", "run-1"));
        assertThat(body(2).get("tasks").get(0).asText()).endsWith("/0a1b2c3d4e5f60718293a4b5c6d7e8f9");
        assertThat(http.requests()).hasSize(3);
    }

    @Test
    void stopsEveryEarlierContainerOfTheTaskBeforeItRunsTheNewOne() {
        http.answer(200, "ecs/list-tasks-two.json").answer(200, "ecs/stop-task.json").answer(200, "ecs/stop-task.json")
                .answer(200, "ecs/run-task.json").answer(200, "ecs/describe-tasks-running.json");

        launcher.launch("k3xq7m2p9c4a", SyncShard.WHOLE, "run-2");

        assertThat(body(0).get("startedBy").asText()).isEqualTo("mig-k3xq7m2p9c4a");
        assertThat(body(1).get("task").asText()).endsWith("/0a1b2c3d4e5f60718293a4b5c6d7e8f9");
        assertThat(body(2).get("task").asText()).endsWith("/1b2c3d4e5f60718293a4b5c6d7e8f90a");
        assertThat(body(1).get("reason").asText()).isEqualTo("redis-migrate: superseded by run run-2 of task k3xq7m2p9c4a");
        assertThat(body(3).has("taskDefinition")).as("RunTask only after both were asked to stop").isTrue();
    }

    @Test
    void aShardStopsOnlyThatShardsEarlierContainersAndIsToldItsShard() {
        http.answer(200, "ecs/list-tasks-none.json").answer(200, "ecs/run-task.json").answer(200, "ecs/describe-tasks-running.json");

        launcher.launch("k3xq7m2p9c4a", new SyncShard("5461-10922", "10.0.0.2:6379", "5461-10922"), "run-1");

        assertThat(body(0).get("startedBy").asText()).isEqualTo("mig-k3xq7m2p9c4a/5461-10922");
        assertThat(body(1).get("startedBy").asText()).isEqualTo("mig-k3xq7m2p9c4a/5461-10922");
        JsonNode override = body(1).get("overrides").get("containerOverrides").get(0);
        assertThat(TaskJson.mapper().convertValue(override.get("environment"), List.class)).containsExactly(
                Map.of("name", "REDIS_MIGRATE_TASK_ID", "value", "k3xq7m2p9c4a"),
                Map.of("name", "REDIS_MIGRATE_SYNC_RUN", "value", "run-1"),
                Map.of("name", "REDIS_MIGRATE_SHARD", "value", "5461-10922"),
                Map.of("name", "REDIS_MIGRATE_SHARD_NODE", "value", "10.0.0.2:6379"),
                Map.of("name", "REDIS_MIGRATE_SHARD_SLOTS", "value", "5461-10922"));
    }

    @Test
    void noCapacityAndThrottlingAreTriedAgain() {
        http.answer(200, "ecs/list-tasks-none.json").answer(200, "ecs/run-task-no-capacity.json")
                .answer(200, "ecs/run-task-no-eni.json").answer(400, "ecs/throttling.json")
                .answer(200, "ecs/run-task.json").answer(200, "ecs/describe-tasks-running.json");

        launcher.launch("k3xq7m2p9c4a", SyncShard.WHOLE, "run-1");

        assertThat(http.requests()).hasSize(6);
    }

    @Test
    void capacityThatNeverComesFailsWithItsReasonAfterTheLastAttempt() {
        http.answer(200, "ecs/list-tasks-none.json");
        for (int i = 0; i < RUN_ATTEMPTS; i++) {
            http.answer(200, "ecs/run-task-no-capacity.json");
        }

        assertThatThrownBy(() -> launcher.launch("k3xq7m2p9c4a", SyncShard.WHOLE, "run-1"))
                .isInstanceOfSatisfying(SyncLaunchException.class,
                        e -> assertThat(e.kind()).isEqualTo(SyncLaunchException.Kind.NO_CAPACITY))
                .hasMessageStartingWith("ECS did not start the sync container of task k3xq7m2p9c4a: Capacity is unavailable")
                .hasMessageContaining("start the task again later");
        assertThat(http.requests()).hasSize(1 + RUN_ATTEMPTS);
    }

    @Test
    void aRefusalThatIsNotAboutCapacityFailsAtOnceWithItsReason() {
        http.answer(200, "ecs/list-tasks-none.json").answer(200, "ecs/run-task-missing-cluster.json");

        assertThatThrownBy(() -> launcher.launch("k3xq7m2p9c4a", SyncShard.WHOLE, "run-1"))
                .isInstanceOfSatisfying(SyncLaunchException.class,
                        e -> assertThat(e.kind()).isEqualTo(SyncLaunchException.Kind.REFUSED))
                .hasMessageStartingWith("ECS did not start the sync container of task k3xq7m2p9c4a: MISSING")
                .hasMessageContaining("start the task again");
        assertThat(http.requests()).hasSize(2);
    }

    @Test
    void anImageThatCannotBePulledFailsTheLaunchNamingTheImage() {
        http.answer(200, "ecs/list-tasks-none.json").answer(200, "ecs/run-task.json")
                .answer(200, "ecs/describe-tasks-pending.json").answer(200, "ecs/describe-tasks-cannot-pull.json");

        assertThatThrownBy(() -> launcher.launch("k3xq7m2p9c4a", SyncShard.WHOLE, "run-1"))
                .isInstanceOfSatisfying(SyncLaunchException.class,
                        e -> assertThat(e.kind()).isEqualTo(SyncLaunchException.Kind.IMAGE_NOT_PULLED))
                .hasMessageStartingWith("The sync container of task k3xq7m2p9c4a could not pull its image "
                        + "123456789012.dkr.ecr.eu-west-1.amazonaws.com/redismigrate-syncrunner-3f9a:latest: CannotPullContainerError")
                .hasMessageContaining("push the sync-runner image");
    }

    @Test
    void aContainerThatExitsAtOnceFailsTheLaunchWithEcsReason() {
        http.answer(200, "ecs/list-tasks-none.json").answer(200, "ecs/run-task.json").answer(200, "ecs/describe-tasks-exited.json");

        assertThatThrownBy(() -> launcher.launch("k3xq7m2p9c4a", SyncShard.WHOLE, "run-1"))
                .isInstanceOfSatisfying(SyncLaunchException.class,
                        e -> assertThat(e.kind()).isEqualTo(SyncLaunchException.Kind.REFUSED))
                .hasMessageContaining("stopped as soon as it started: Essential container in task exited");
    }

    @Test
    void aContainerStillStartingAfterTheWatchIsLeftToItsHeartbeat() {
        http.answer(200, "ecs/list-tasks-none.json").answer(200, "ecs/run-task.json");
        for (int i = 0; i < WATCH_LOOKS; i++) {
            http.answer(200, "ecs/describe-tasks-pending.json");
        }

        launcher.launch("k3xq7m2p9c4a", SyncShard.WHOLE, "run-1");

        assertThat(http.requests()).hasSize(2 + WATCH_LOOKS);
    }

    @Test
    void aMissingSettingNamesTheVariable() {
        assertThatThrownBy(() -> EcsSyncLauncher.Settings.fromEnvironment(Map.of("REDIS_MIGRATE_SYNC_CLUSTER", "c")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("REDIS_MIGRATE_SYNC_TASK_DEFINITION is not set");
    }

    private JsonNode body(int request) {
        try {
            return TaskJson.mapper().readTree(http.requests().get(request).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
