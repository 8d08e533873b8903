package dev.redismigrate.functions;

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

/** How RecordOutcome reads {@code $.run}: the same decisions as the local runner's. */
class RecordOutcomeHandlerTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final String SUMMARY = "{\"stoppedBy\":\"FINISH\",\"summary\":{\"keysApplied\":42,\"bytesReceived\":1000,"
            + "\"durationSeconds\":60,\"sourceKeys\":{},\"targetKeys\":{}}}";

    private final TestServices test = new TestServices(Map.of());
    private final RecordOutcomeHandler handler = new RecordOutcomeHandler(test.services);

    @Test
    void aSyncThatStoppedOnFinishEndsFinishedWithItsSummary() {
        MigrationTask task = syncing();
        JsonNode outcome = record(task, "{\"error\":null,\"sync\":" + SUMMARY + ",\"restoreError\":null,\"unlockError\":null}");
        assertThat(outcome.get("status").asText()).isEqualTo("FINISHED");
        assertThat(test.store.find(task.id()).orElseThrow().summary().keysApplied()).isEqualTo(42);
    }

    @Test
    void aCancelledSyncEndsCancelled() {
        MigrationTask task = syncing();
        JsonNode outcome = record(task, "{\"error\":{\"Error\":\"Migration.Cancelled\",\"Cause\":\"cancelled by a person\"}}");
        assertThat(outcome.get("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void aFailedStepEndsFailedWithTheMessageOfTheLambdaError() {
        MigrationTask task = syncing();
        JsonNode outcome = record(task, "{\"error\":{\"Error\":\"dev.redismigrate.core.port.TargetClaimedException\","
                + "\"Cause\":\"{\\\"errorMessage\\\":\\\"target dst:6380 is in use by task other\\\",\\\"errorType\\\":\\\"x\\\"}\"}}");
        assertThat(outcome.get("status").asText()).isEqualTo("FAILED");
        assertThat(outcome.get("message").asText()).isEqualTo("target dst:6380 is in use by task other");
    }

    @Test
    void aCleanupErrorFailsEvenAFinishedSyncAndSaysWhatIsLeft() {
        MigrationTask task = syncing();
        JsonNode outcome = record(task, "{\"sync\":" + SUMMARY + ",\"restoreError\":{\"Error\":\"x\",\"Cause\":\"cannot reach source\"}}");
        assertThat(outcome.get("status").asText()).isEqualTo("FAILED");
        assertThat(outcome.get("message").asText()).isEqualTo("cleanup failed: restoring source parameters: cannot reach source");
    }

    @Test
    void aCancelWhoseCleanupFailedIsAFailure() {
        MigrationTask task = syncing();
        JsonNode outcome = record(task, "{\"error\":{\"Error\":\"Migration.Cancelled\",\"Cause\":\"c\"},"
                + "\"unlockError\":{\"Error\":\"x\",\"Cause\":\"target unreachable\"}}");
        assertThat(outcome.get("status").asText()).isEqualTo("FAILED");
        assertThat(outcome.get("message").asText()).isEqualTo("cleanup failed: unlocking the target: target unreachable");
    }

    @Test
    void aTaskAlreadyFinalKeepsItsStatus() {
        MigrationTask task = test.store.create(MigrationTask.create("orders", SourceSpec.of(RedisEndpoint.of("src", 6379)),
                TargetSpec.of(RedisEndpoint.of("dst", 6380)), null, List.of(), NOW));
        test.store.update(task.id(), t -> t.moveTo(TaskStatus.CANCELLED, NOW));
        JsonNode outcome = record(task, "{\"error\":{\"Error\":\"dev.redismigrate.core.task.IllegalTransitionException\",\"Cause\":\"c\"}}");
        assertThat(outcome.get("status").asText()).isEqualTo("CANCELLED");
    }

    private MigrationTask syncing() {
        MigrationTask task = test.store.create(MigrationTask.create("orders", SourceSpec.of(RedisEndpoint.of("src", 6379)),
                TargetSpec.of(RedisEndpoint.of("dst", 6380)), null, List.of(), NOW));
        for (TaskStatus next : List.of(TaskStatus.VALIDATED, TaskStatus.VALIDATING, TaskStatus.SYNCING)) {
            test.store.update(task.id(), t -> t.moveTo(next, NOW));
        }
        return task;
    }

    private JsonNode record(MigrationTask task, String run) {
        return TestServices.invoke(handler, "{\"taskId\":\"" + task.id() + "\",\"run\":" + run + "}");
    }
}
