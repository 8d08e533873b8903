package dev.redismigrate.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of the {@code redis-migrate} command line in this JVM: its exit code and what it printed. */
record CommandRun(int exit, String out, String err) {
    static CommandRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = RedisMigrateCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new CommandRun(exit, out.toString(), err.toString());
    }
}
