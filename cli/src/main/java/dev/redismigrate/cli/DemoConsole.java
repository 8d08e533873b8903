package dev.redismigrate.cli;

import dev.redismigrate.cli.console.Console;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code redis-migrate demo --console}: the demo's servers, data and application, with the web console (local mode,
 * 127.0.0.1, a throwaway state directory) and a ready-made task from the source into the target. Runs until Ctrl-C
 * (or, in the tests' JVM, an interrupt of the thread that runs it), then stops the writer, the console and the
 * servers and deletes the state directory: the task's lock and parameters are on the throwaway servers.
 */
final class DemoConsole {
    /** How long Ctrl-C waits for the clean-up before the JVM exits anyway. */
    private static final long CLEAN_UP_SECONDS = 30;

    private final int keys;
    private final int writesPerSecond;
    private final int port;
    private final PrintWriter out;
    private final PrintWriter err;

    DemoConsole(int keys, int writesPerSecond, int port, PrintWriter out, PrintWriter err) {
        this.keys = keys;
        this.writesPerSecond = writesPerSecond;
        this.port = port;
        this.out = out;
        this.err = err;
    }

    int run() throws IOException {
        CountDownLatch cleanedUp = new CountDownLatch(1);
        Thread runner = Thread.currentThread();
        // Ctrl-C runs shutdown hooks only, not this thread's finally blocks: the hook turns it into an interrupt and
        // lets the JVM exit once the clean-up below is done.
        Thread onCtrlC = new Thread(() -> {
            runner.interrupt();
            try {
                cleanedUp.await(CLEAN_UP_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-console-stop");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try (ThrowawayStateDir stateDir = ThrowawayStateDir.create(err);
             DemoServers demo = DemoServers.start(keys, writesPerSecond, this::step)) {
            MigrationTask task = demo.createTask(stateDir.services());
            try (Console console = Console.local(StateDirOption.at(stateDir.dir()), InetAddress.getByName("127.0.0.1"),
                    port, out)) {
                printWhatToDo(console, demo, task, stateDir);
                awaitStop();
            }
            step("stopping: the application, the console and both servers; removing " + stateDir.dir());
        } finally {
            cleanedUp.countDown();
            removeHook(onCtrlC);
        }
        return RedisMigrateCommand.EXIT_OK;
    }

    private void printWhatToDo(Console console, DemoServers demo, MigrationTask task, ThrowawayStateDir stateDir) {
        out.println();
        out.println("redis-migrate demo console: open " + console.addressToOpen());
        out.println(task.status() == TaskStatus.VALIDATED
                ? "  the task 'demo' (source into target) is created and validated: open it and press Start now"
                : "  the task 'demo' was created " + task.status() + ": open it to see why");
        out.println("  or create your own with New task:");
        out.println("    source endpoint  " + demo.source().uri() + "   password: none");
        out.println("    target endpoint  " + demo.target().uri() + "   password: none");
        out.println("  an application writes " + writesPerSecond + "/s to the source; state directory " + stateDir.dir());
        out.println("  Ctrl-C stops the application, the console and both servers and removes the state directory");
        out.println();
        out.flush();
    }

    /** Until interrupted; the interrupt is the stop request, answered here by the clean-up, so it is not kept. */
    private static void awaitStop() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException stop) {
            // stop requested
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is the one running
        }
    }

    private void step(String line) {
        out.println(line);
        out.flush();
    }
}
