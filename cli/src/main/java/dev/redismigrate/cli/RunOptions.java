package dev.redismigrate.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** How a migration runs in this process ({@code migrate}, {@code resume}): finish, verification, progress output. */
final class RunOptions {
    @Option(names = "--finish-when-synced",
            description = "Finish as soon as the snapshot is applied and the lag is 0 (and verification agrees).")
    private boolean finishWhenSynced;

    @Option(names = "--verify", paramLabel = "MODE", defaultValue = "sample",
            description = "Verification before finishing: counts, sample (default: counts + random keys), full, or none.")
    private String verify;

    @Option(names = "--json-progress", description = "Print one JSON object per second instead of the live view.")
    private boolean jsonProgress;

    ProgressView view(CommandSpec spec) {
        return new ProgressView(spec.commandLine().getOut(), ProgressView.styleFor(jsonProgress));
    }

    LiveRun liveRun(LocalServices services, ProgressView view) {
        return new LiveRun(services, view, finishWhenSynced, FinishGates.parse(verify, services), () -> { });
    }
}
