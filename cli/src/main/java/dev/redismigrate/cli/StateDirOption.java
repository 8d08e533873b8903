package dev.redismigrate.cli;

import dev.redismigrate.core.store.LocalFileTaskStore;
import dev.redismigrate.core.task.TaskStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --state-dir}: where local tasks live; every command that touches tasks mixes this in. */
public final class StateDirOption {
    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Directory of the local task store (default: ~/.redis-migrate).")
    private Path stateDir;

    /** The state directory {@code dir}, for a composition built in code (the console's tests). */
    public static StateDirOption at(Path dir) {
        StateDirOption option = new StateDirOption();
        option.stateDir = dir;
        return option;
    }

    public TaskStore store() {
        return new LocalFileTaskStore(dir());
    }

    /** Which local tasks a live process of this machine runs. */
    public RunningTasks runningTasks() {
        return new RunningTasks(dir().resolve("running"));
    }

    /** Where the sync spools the snapshot on its way to the target. */
    public Path spoolDir() {
        return dir().resolve("spool");
    }

    public Path dir() {
        return stateDir != null ? stateDir : LocalFileTaskStore.defaultStateDir();
    }
}
