package dev.redismigrate.cli;

import picocli.CommandLine;

/** Entry point of the {@code redis-migrate} launcher. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        ExitAfterInterrupt.exit(RedisMigrateCommand.commandLine().execute(args));
    }
}
