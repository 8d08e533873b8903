package dev.redismigrate.functions.execution;

import static org.assertj.core.api.Assertions.assertThat;

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
}
