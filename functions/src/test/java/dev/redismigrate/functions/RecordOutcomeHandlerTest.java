package dev.redismigrate.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How RecordOutcome reads {@code $.run}: the same decisions as the local runner's. {@code sync} is RunSync's list of
 * every shard's result; the single result of an execution from before the Map is read too ({@code SUMMARY} alone).
 */
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
    void theShardsOfAClusterSourceFinishWithTheirSummariesCombined() {
        MigrationTask task = syncing();
        JsonNode outcome = record(task, "{\"sync\":[" + shard(10, 60, 100, 7) + "," + shard(20, 90, 200, 5) + ","
                + shard(30, 30, 300, 5) + "]}");

        assertThat(outcome.get("status").asText()).isEqualTo("FINISHED");
        TaskSummary summary = test.store.find(task.id()).orElseThrow().summary();
        assertThat(summary.keysApplied()).isEqualTo(60);
        assertThat(summary.bytesReceived()).isEqualTo(600);
        assertThat(summary.durationSeconds()).as("side by side: the longest").isEqualTo(90);
        assertThat(summary.sourceKeys()).as("each shard counts its primary").containsEntry(0, new DbKeyCount(60, 0));
        assertThat(summary.targetKeys()).as("every shard counts the whole target: the first one's count")
                .containsEntry(0, new DbKeyCount(7, 0));
    }

    @Test
    void oneShardStoppedByACancelEndsTheTaskCancelled() {
        MigrationTask task = syncing();
        JsonNode outcome = record(task, "{\"sync\":[" + SUMMARY + "," + SUMMARY.replace("FINISH", "CANCEL") + "]}");
        assertThat(outcome.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(test.store.find(task.id()).orElseThrow().summary().keysApplied()).isEqualTo(84);
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

    /** One shard's result: its keys (its primary's, all applied), duration, bytes, and its count of the target's keys. */
    private static String shard(long keys, long seconds, long bytes, long targetKeys) {
        return "{\"stoppedBy\":\"FINISH\",\"summary\":{\"keysApplied\":" + keys + ",\"bytesReceived\":" + bytes
                + ",\"durationSeconds\":" + seconds + ",\"sourceKeys\":{\"0\":{\"keys\":" + keys
                + ",\"expires\":0}},\"targetKeys\":{\"0\":{\"keys\":" + targetKeys + ",\"expires\":0}}}}";
    }

    private JsonNode record(MigrationTask task, String run) {
        return TestServices.invoke(handler, "{\"taskId\":\"" + task.id() + "\",\"run\":" + run + "}");
    }
}
