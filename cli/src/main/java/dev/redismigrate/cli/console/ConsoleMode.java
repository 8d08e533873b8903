package dev.redismigrate.cli.console;

import java.util.Locale;

/** Which composition the console runs over: this machine's, or the stack deployed to AWS. */
enum ConsoleMode {
    /** Tasks in the state directory, run by the console itself. */
    LOCAL,
    /** Tasks in the stack's table, run by its executions; passwords are Secrets Manager secrets. */
    CLOUD;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
