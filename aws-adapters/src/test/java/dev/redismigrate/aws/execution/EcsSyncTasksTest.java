package dev.redismigrate.aws.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redismigrate.aws.RecordedHttpClient;
import dev.redismigrate.core.store.TaskJson;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;

class EcsSyncTasksTest {
    private final RecordedHttpClient http = new RecordedHttpClient();
    private final EcsSyncTasks tasks = new EcsSyncTasks(http.client(EcsClient.builder()), "RedisMigrate-sync");

    @Test
    void stopsEveryRunningContainerOfTheExecution() throws Exception {
        http.answer(200, "ecs/list-tasks-two.json").answer(200, "ecs/stop-task.json").answer(200, "ecs/stop-task.json");

        int stopped = tasks.stop("mig-k3xq7m2p9c4a", "redis-migrate: the execution mig-k3xq7m2p9c4a ended ABORTED");

        assertThat(stopped).isEqualTo(2);
        JsonNode list = TaskJson.mapper().readTree(http.requests().get(0).body());
        assertThat(list.get("cluster").asText()).isEqualTo("RedisMigrate-sync");
        assertThat(list.get("startedBy").asText()).isEqualTo("mig-k3xq7m2p9c4a");
        assertThat(list.has("desiredStatus")).as("startedBy must be the only filter (ECS API reference)").isFalse();
        JsonNode stop = TaskJson.mapper().readTree(http.requests().get(1).body());
        assertThat(stop.get("task").asText()).endsWith("/0a1b2c3d4e5f60718293a4b5c6d7e8f9");
        assertThat(stop.get("reason").asText()).contains("ended ABORTED");
    }

    @Test
    void aRefusedListingFailsWithTheServicesReason() {
        http.answer(400, "ecs/list-tasks-invalid-parameter.json");
        assertThatThrownBy(() -> tasks.stop("mig-k3xq7m2p9c4a", "done"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("startedBy");
    }

    @Test
    void noContainerIsNothingToDo() {
        http.answer(200, "ecs/list-tasks-none.json");
        assertThat(tasks.stop("mig-k3xq7m2p9c4a", "done")).isZero();
        assertThat(http.requests()).hasSize(1);
    }
}
