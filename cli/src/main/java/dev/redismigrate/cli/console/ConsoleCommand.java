package dev.redismigrate.cli.console;

import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.cli.CloudConnection;
import dev.redismigrate.cli.CloudOptions;
import dev.redismigrate.cli.RedisMigrateCommand;
import dev.redismigrate.cli.StateDirOption;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code redis-migrate console}: the web console, which also runs the tasks in the background. */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = {"Serves the web console and runs tasks in the background: create, validate, edit, start now or"
                + " at a scheduled time, watch the sync (offsets, lag, key counts), verify, finish, cancel. The same"
                + " JSON API serves scripts (docs/console.md).",
                "Scheduled starts fire while it runs; after a restart it resumes the syncs it ran from the target's"
                        + " checkpoint. The CLI commands work beside it on the same state directory; a task runs in"
                        + " one process at a time.",
                "Bound to 127.0.0.1 (default) it needs no token; on any other address it prints an address with a"
                        + " token, needed for every API call."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"1:could not start (the port is taken, ...)", "2:bad usage",
                "130:stopped with Ctrl-C (143: stopped with SIGTERM), as the JVM exits on a signal"})
public final class ConsoleCommand implements Callable<Integer> {
    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}); any other than 127.0.0.1 or ::1 needs the token.")
    private String bind;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    private int port;

    @Mixin
    private StateDirOption stateDir;

    @Option(names = "--cloud", description = "Show and drive the tasks of the stack deployed to AWS instead (the options"
            + " of `redis-migrate task`: --region, --table, --state-machine-arn, --create-function, --edit-function):"
            + " its executions run the tasks; passwords are Secrets Manager ARNs.")
    private boolean cloud;

    @Mixin
    private CloudOptions cloudOptions;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port " + port + " is not between 0 and 65535");
        }
        PrintWriter out = spec.commandLine().getOut();
        InetAddress address = localAddress(bind);
        try (Console console = start(address, out)) {
            out.println("redis-migrate console: open " + console.addressToOpen());
            if (console.token() != null) {
                out.println("(bound to " + bind + ": every API call needs this token; it changes at every start)");
            }
            out.println(cloud ? "tasks of the stack's table; Ctrl-C stops the console (the executions go on)"
                    : "state directory " + stateDir.dir().toAbsolutePath() + "; Ctrl-C stops the console (running"
                    + " syncs are resumed by the next start)");
            out.flush();
            new CountDownLatch(1).await(); // until the process is stopped
        }
        return RedisMigrateCommand.EXIT_OK;
    }

    /** Refused before listening: binding an address of another machine fails with a message about the port. */
    private static InetAddress localAddress(String bind) throws IOException {
        try {
            InetAddress address = InetAddress.getByName(bind);
            if (address.isAnyLocalAddress() || address.isLoopbackAddress()
                    || NetworkInterface.getByInetAddress(address) != null) {
                return address;
            }
        } catch (UnknownHostException e) {
            // said below
        }
        throw new IllegalArgumentException("--bind " + bind + " is not an address of this machine: give one of its"
                + " addresses, 127.0.0.1 (the default) or 0.0.0.0 for all");
    }

    private Console start(InetAddress address, PrintWriter out) throws IOException {
        return cloud ? cloudConsole(address) : Console.local(stateDir, address, port, out);
    }

    /** The stack's composition, as {@code redis-migrate task ...} builds it; a missing setting fails in one line. */
    private Console cloudConsole(InetAddress address) throws IOException {
        Map<String, String> env = CloudOptions.requireStateMachine(CloudOptions.requireTable(cloudOptions.environment()));
        CloudConnection connection = CloudConnection.aws();
        return Console.cloud(connection.services(env), connection.lambda(env), cloudOptions.createFunction(),
                cloudOptions.editFunction(), env.get(CloudServices.TABLE_ENV), address, port);
    }
}
