package dev.redismigrate.functions;

import static dev.redismigrate.functions.TestServices.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A resumed cloud run seen by the validate and janitor handlers (core's CloudRunsTest covers the use cases). */
class ResumedRunHandlersTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void theResumedRunPassesValidateAndTheJanitorLeavesItToTheRunThatOwnsIt() {
        TestServices test = new TestServices(Map.of());
        MigrationTask task = test.store.create(MigrationTask.create("orders", SourceSpec.of(RedisEndpoint.of("nowhere.invalid", 1)),
                TargetSpec.of(RedisEndpoint.of("nowhere.invalid", 2)), null, List.of(), NOW));
        test.store.update(task.id(), t -> t.moveTo(TaskStatus.VALIDATED, NOW).start(NOW).moveTo(TaskStatus.SYNCING, NOW)
                .failed("source lost", NOW));
        test.services.resumeCloudTask().resume(task.id());

        JsonNode validation = invoke(new ValidateHandler(test.services), "{\"taskId\": \"" + task.id() + "\"}");
        assertThat(validation.get("passed").asBoolean()).as("the target holds the checkpoint by design").isTrue();

        test.awsCalls.clear();
        JsonNode report = invoke(new JanitorHandler(test.services), "{\"detail\": {\"name\": \"mig-" + task.id()
                + "\", \"status\": \"FAILED\", \"input\": \"{\\\"taskId\\\": \\\"" + task.id() + "\\\"}\"}}");
        assertThat(report.get("actions").toString()).contains("superseded by mig-" + task.id() + "-2");
        assertThat(test.awsCalls).isEmpty();
        assertThat(test.store.resolve(task.id()).status()).isEqualTo(TaskStatus.SYNCING);
    }

    @Test
    void theJanitorOfAResumedRunStopsItsContainersAndFailsTheTask() {
        TestServices test = new TestServices(Map.of());
        MigrationTask task = test.store.create(MigrationTask.create("orders", SourceSpec.of(RedisEndpoint.of("nowhere.invalid", 1)),
                TargetSpec.of(RedisEndpoint.of("nowhere.invalid", 2)), null, List.of(), NOW));
        test.store.update(task.id(), t -> t.moveTo(TaskStatus.VALIDATED, NOW).start(NOW).moveTo(TaskStatus.SYNCING, NOW)
                .failed("source lost", NOW));
        test.services.resumeCloudTask().resume(task.id());
        test.awsCalls.clear();

        JsonNode report = invoke(new JanitorHandler(test.services), "{\"detail\": {\"name\": \"mig-" + task.id()
                + "-2\", \"status\": \"ABORTED\", \"input\": \"{\\\"taskId\\\": \\\"" + task.id() + "\\\"}\"}}");

        assertThat(test.awsCalls).containsExactly("stop containers of mig-" + task.id());
        assertThat(report.get("actions").toString()).contains("stopped 1 sync container(s)", "recorded FAILED");
        assertThat(test.store.resolve(task.id()).failure()).startsWith("the execution mig-" + task.id() + "-2 ended ABORTED");
    }
}
