package dev.redismigrate.cli.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.cli.FinishGates;
import dev.redismigrate.cli.LocalServices;
import dev.redismigrate.cli.RunningTasks;
import dev.redismigrate.cli.StateDirOption;
import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.task.TaskStateException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackgroundRunsTest {
    @TempDir
    Path stateDir;

    @Test
    void aRunAskedForWhileTheConsoleStopsIsRefusedAndLeavesNoMarkBehind() {
        StateDirOption state = StateDirOption.at(stateDir);
        LocalServices services = new LocalServices(state.store(), new LocalSecretResolver(), state.spoolDir());
        RunningTasks running = state.runningTasks();
        BackgroundRuns runs = new BackgroundRuns(services, running, FinishGates.parse("sample", services),
                (taskId, step) -> { });

        runs.close(); // what a supervisor tick or an API call can still meet while ConsoleServer.close runs

        assertThatThrownBy(() -> runs.run("t-1")).isInstanceOf(TaskStateException.class).hasMessageContaining("stopping");
        assertThatThrownBy(() -> runs.resume("t-1")).isInstanceOf(TaskStateException.class);
        assertThat(runs.runsHere("t-1")).isFalse();
        assertThat(running.liveProcess("t-1")).as("no mark holds the task").isEmpty();
    }
}
