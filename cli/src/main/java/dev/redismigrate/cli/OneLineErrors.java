package dev.redismigrate.cli;

import dev.redismigrate.core.endpoint.InvalidRedisUriException;
import dev.redismigrate.core.endpoint.SecretUnavailableException;
import dev.redismigrate.core.task.TaskNotFoundException;
import dev.redismigrate.core.task.TaskStateException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * A failure ends in one line on stderr and an exit code; the stack trace only with {@code REDIS_MIGRATE_DEBUG=1}.
 * Mistakes a user can make (bad URI, unknown task, unreadable password, finishing a task that is not running) are
 * usage errors (exit 2).
 */
final class OneLineErrors implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parseResult) {
        boolean usage = e instanceof InvalidRedisUriException || e instanceof TaskNotFoundException
                || e instanceof SecretUnavailableException || e instanceof TaskStateException
                || e instanceof IllegalArgumentException;
        cli.getErr().println("redis-migrate: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        if (System.getenv("REDIS_MIGRATE_DEBUG") != null) {
            e.printStackTrace(cli.getErr());
        }
        return usage ? RedisMigrateCommand.EXIT_USAGE : RedisMigrateCommand.EXIT_FAILURE;
    }
}
