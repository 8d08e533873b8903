package dev.redismigrate.cli;

import dev.redismigrate.cli.console.ConsoleCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command: only lists the subcommands; each subcommand is its own class. */
@Command(name = "redis-migrate",
        mixinStandardHelpOptions = true,
        version = "redis-migrate 0.1.0",
        description = "Moves a live self-hosted Redis into an empty (managed) Redis: snapshot, then the live command"
                + " stream, with the target locked, until you finish.",
        subcommands = {
                ValidateCommand.class,
                MigrateCommand.class,
                ResumeCommand.class,
                EditCommand.class,
                StartCommand.class,
                DemoCommand.class,
                StatusCommand.class,
                ListCommand.class,
                FinishCommand.class,
                CancelCommand.class,
                UnlockCommand.class,
                VerifyCommand.class,
                TaskCommand.class,
                ConsoleCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success (validate: no ERROR, warnings allowed)",
                "1:unexpected failure",
                "2:bad usage (unknown option, bad URI, ...)",
                "3:validation found at least one ERROR",
                "4:verification found differences",
                "5:the migration was cancelled"})
public final class RedisMigrateCommand {
    /** Exit codes shared by every command (documented in README). */
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_VALIDATION_ERROR = 3;
    public static final int EXIT_DIFFERENCES = 4;
    public static final int EXIT_CANCELLED = 5;

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new RedisMigrateCommand());
        cli.setExecutionExceptionHandler(new OneLineErrors());
        return cli;
    }
}
