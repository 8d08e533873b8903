package dev.redismigrate.aws.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.task.SyncShard;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncContainerEnvironmentTest {
    @Test
    void theWholeSourceIsNamedByItsTaskAsBeforeShards() {
        SyncContainerEnvironment environment = SyncContainerEnvironment.from(Map.of(
                SyncContainerEnvironment.TASK_ID, "k3xq7m2p9c4a", SyncContainerEnvironment.RUN_ID, "run-1"));

        assertThat(environment.shard()).isEqualTo(SyncShard.WHOLE);
        assertThat(environment.syncKey()).isEqualTo("k3xq7m2p9c4a");
        assertThat(environment.variables()).containsOnlyKeys(SyncContainerEnvironment.TASK_ID, SyncContainerEnvironment.RUN_ID);
    }

    @Test
    void aShardTravelsThroughTheVariablesAndNamesItsSync() {
        SyncShard shard = new SyncShard("0-5460", "10.0.0.1:6379", "0-5460,10923");
        SyncContainerEnvironment sent = new SyncContainerEnvironment("k3xq7m2p9c4a", shard, "run-1");

        SyncContainerEnvironment read = SyncContainerEnvironment.from(sent.variables());

        assertThat(read).isEqualTo(sent);
        assertThat(read.syncKey()).isEqualTo("k3xq7m2p9c4a/0-5460");
    }

    @Test
    void withoutTheTaskOrTheRunItRefusesToStart() {
        assertThatThrownBy(() -> SyncContainerEnvironment.from(Map.of(SyncContainerEnvironment.TASK_ID, "k3xq7m2p9c4a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(SyncContainerEnvironment.RUN_ID);
    }
}
