package dev.redismigrate.sync.shard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.sync.writer.SyncTarget;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A shard that stops keeps its checkpoint until every shard of the run has stopped: when a sibling fails first, the
 * resumed task continues the stopped shard instead of copying it again.
 */
class HeldCheckpointsTest {
    private final List<String> removed = new ArrayList<>();
    private final SyncTarget.Connector targets = new SyncTarget.Connector() {
        @Override
        public SyncTarget connect(String checkpointName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removeCheckpoint(String checkpointName) {
            removed.add(checkpointName);
        }
    };

    @Test
    void aStoppedShardsCheckpointStaysUntilEveryShardHasStopped() {
        HeldCheckpoints checkpoints = new HeldCheckpoints();

        checkpoints.holding(targets).removeCheckpoint("task-1/0-5460");

        assertThat(removed).isEmpty();
        checkpoints.holding(targets).removeCheckpoint("task-1/5461-10922");
        checkpoints.removeAll();
        assertThat(removed).containsExactlyInAnyOrder("task-1/0-5460", "task-1/5461-10922");
    }
}
