package dev.redismigrate.cli;

import dev.redismigrate.sync.SyncSettings;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * How a migration runs in this process ({@code migrate}, {@code resume}): finish, verification, progress output, how
 * long the sync keeps reconnecting.
 */
final class RunOptions {
    @Option(names = "--finish-when-synced",
            description = "Finish as soon as the snapshot is applied and the lag is 0 (and verification agrees).")
    private boolean finishWhenSynced;

    @Option(names = "--verify", paramLabel = "MODE", defaultValue = "sample",
            description = "Verification before finishing: counts, sample (default: counts + random keys), full, or none.")
    private String verify;

    @Option(names = "--json-progress", description = "Print one JSON object per second instead of the live view.")
    private boolean jsonProgress;

    @Option(names = "--give-up-after", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "How long the sync keeps reconnecting (with backoff) to a source or target it lost before"
                    + " the task ends FAILED with the cause, e.g. 90s, 10m (default: 5m). Any progress resets it.")
    private Duration giveUpAfter;

    /** The engine's settings for this run: spool under the state directory, the give-up deadline. */
    SyncSettings syncSettings(Path spoolDir) {
        return SyncSettings.defaults().withSpoolDir(spoolDir).withGiveUpAfter(giveUpAfter);
    }

    ProgressView view(CommandSpec spec) {
        return new ProgressView(spec.commandLine().getOut(), ProgressView.styleFor(jsonProgress));
    }

    LiveRun liveRun(LocalServices services, RunningTasks running, ProgressView view) {
        return new LiveRun(services, running, view, finishWhenSynced, FinishGates.parse(verify, services), () -> { });
    }
}
