package dev.redismigrate.aws.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redismigrate.aws.RecordedHttpClient;
import dev.redismigrate.core.store.TaskJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;

class EcsSyncLauncherTest {
    private static final EcsSyncLauncher.Settings SETTINGS = new EcsSyncLauncher.Settings(
            "arn:aws:ecs:eu-west-1:123456789012:cluster/RedisMigrate-sync",
            "arn:aws:ecs:eu-west-1:123456789012:task-definition/RedisMigrateSyncRunner:3", "sync-runner",
            List.of("subnet-0aaa", "subnet-0bbb"), List.of("sg-0ccc"), false);

    private final RecordedHttpClient http = new RecordedHttpClient();
    private final EcsSyncLauncher launcher = new EcsSyncLauncher(http.client(EcsClient.builder()), SETTINGS);

    @Test
    void runsTheSyncTaskStartedByTheExecutionNameAndTellsItOnlyTheTaskAndTheRun() throws Exception {
        http.answer(200, "ecs/run-task.json");

        launcher.launch("k3xq7m2p9c4a", "run-1");

        JsonNode request = TaskJson.mapper().readTree(http.requests().get(0).body());
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
    }

    @Test
    void aTaskEcsDidNotStartFailsWithItsReason() {
        http.answer(200, "ecs/run-task-no-capacity.json");

        assertThatThrownBy(() -> launcher.launch("k3xq7m2p9c4a", "run-1"))
                .isInstanceOf(SyncLaunchException.class)
                .hasMessageStartingWith("ECS did not start the sync container of task k3xq7m2p9c4a: Capacity is unavailable")
                .hasMessageContaining("start the task again");
    }

    @Test
    void aMissingSettingNamesTheVariable() {
        assertThatThrownBy(() -> EcsSyncLauncher.Settings.fromEnvironment(Map.of("REDIS_MIGRATE_SYNC_CLUSTER", "c")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("REDIS_MIGRATE_SYNC_TASK_DEFINITION is not set");
    }
}
