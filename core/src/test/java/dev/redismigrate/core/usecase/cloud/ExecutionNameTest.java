package dev.redismigrate.core.usecase.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionNameTest {
    @Test
    void namesTheExecutionAfterTheTaskAndBack() {
        assertThat(ExecutionName.forTask("k3xq7m2p9c4a")).isEqualTo("mig-k3xq7m2p9c4a");
        assertThat(ExecutionName.taskId("mig-k3xq7m2p9c4a")).contains("k3xq7m2p9c4a");
        assertThat(ExecutionName.taskId("mig-k3xq7m2p9c4a-2")).as("a later run").contains("k3xq7m2p9c4a");
        assertThat(ExecutionName.taskId("something-else")).isEmpty();
        assertThat(ExecutionName.taskId("mig-")).isEmpty();
        assertThat(ExecutionName.taskId(null)).isEmpty();
    }

    @Test
    void eachRunAfterTheFirstHasASuffix() {
        MigrationTask task = MigrationTask.create("orders", SourceSpec.of(RedisEndpoint.of("src", 1)),
                TargetSpec.of(RedisEndpoint.of("dst", 2)), null, List.of(), Instant.EPOCH);
        assertThat(ExecutionName.forRun(task)).as("never started").isEqualTo("mig-" + task.id());
        MigrationTask first = task.moveTo(TaskStatus.VALIDATED, Instant.EPOCH).start(Instant.EPOCH);
        assertThat(ExecutionName.forRun(first)).isEqualTo("mig-" + task.id());
        MigrationTask second = first.moveTo(TaskStatus.FAILED, Instant.EPOCH).resume(Instant.EPOCH);
        assertThat(ExecutionName.forRun(second)).isEqualTo("mig-" + task.id() + "-2");
        assertThat(ExecutionName.taskId(ExecutionName.forRun(second))).contains(task.id());
    }
}
