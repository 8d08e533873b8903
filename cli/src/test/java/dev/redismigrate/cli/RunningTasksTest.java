package dev.redismigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.task.TaskStateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RunningTasksTest {
    @TempDir
    Path dir;

    @Test
    void aTaskIsRunWhileThisProcessHoldsItsMark() {
        RunningTasks running = new RunningTasks(dir.resolve("running"));
        try (RunningTasks.Mark mark = running.mark("abc")) {
            assertThat(running.liveProcess("abc")).contains(ProcessHandle.current().pid());
            assertThat(running.liveProcess("other")).isEmpty();
        }
        assertThat(running.liveProcess("abc")).isEmpty();
    }

    @Test
    void aSecondRunOfAMarkedTaskIsRefusedUntilTheFirstEnds() {
        RunningTasks running = new RunningTasks(dir.resolve("running"));
        try (RunningTasks.Mark first = running.mark("abc")) {
            assertThatThrownBy(() -> running.mark("abc")).isInstanceOf(TaskStateException.class)
                    .hasMessageContaining("already run by process " + ProcessHandle.current().pid());
        }
        running.mark("abc").close();
    }

    @Test
    void theMarkOfAProcessKilledWithoutCleanupDoesNotCount() throws Exception {
        Process process = new ProcessBuilder("sleep", "30").start();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("abc.pid"), process.pid() + " " + process.info().startInstant().orElseThrow());
        RunningTasks running = new RunningTasks(dir);
        assertThat(running.liveProcess("abc")).contains(process.pid());

        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        assertThat(running.liveProcess("abc")).isEmpty();
        running.mark("abc").close(); // the mark of a process that is gone is taken over
    }

    @Test
    void aReusedProcessIdIsNotTheRunThatWroteTheMark() throws Exception {
        Files.writeString(dir.resolve("abc.pid"), ProcessHandle.current().pid() + " 2001-01-01T00:00:00Z");

        assertThat(new RunningTasks(dir).liveProcess("abc")).isEmpty();
    }
}
