package dev.redismigrate.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskRunsJsonTest {
    private static final Instant NOW = Instant.parse("2026-12-06T13:00:00Z");

    @Test
    void theRunCountIsStoredAndATaskStoredBeforeItReadsAsNeverCounted() {
        MigrationTask started = MigrationTask.create("orders", SourceSpec.of(RedisEndpoint.of("src", 1)),
                TargetSpec.of(RedisEndpoint.of("dst", 2)), null, List.of(), NOW).moveTo(TaskStatus.VALIDATED, NOW).start(NOW);
        assertThat(TaskJson.readTask(TaskJson.write(started)).runs()).isEqualTo(1);

        ObjectNode older = TaskJson.read(TaskJson.write(started), ObjectNode.class);
        older.remove("runs");
        MigrationTask read = TaskJson.readTask(older.toString());
        assertThat(read.runs()).isZero();
        assertThat(read.id()).isEqualTo(started.id());
        assertThat(read.status()).isEqualTo(TaskStatus.VALIDATING);
    }
}
