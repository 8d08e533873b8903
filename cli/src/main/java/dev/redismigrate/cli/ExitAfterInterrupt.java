package dev.redismigrate.cli;

import java.time.Duration;

/**
 * Ctrl-C (or SIGTERM) starts the JVM's exit, with 130 (143), and runs its shutdown hooks; a command whose hook handles
 * the interrupt (migrate cancels, restores the parameters and unlocks the target) would end with that code whatever it
 * did, and as soon as the hook returned, cutting off what the command still prints or closes. Such a hook {@link
 * #awaitCommand awaits the command} instead, and {@link Main} then ends the JVM with the command's own exit code
 * (5 for a cancelled migration), which says the clean-up was done.
 */
final class ExitAfterInterrupt {
    private static volatile boolean commandsCode;

    private ExitAfterInterrupt() {
    }

    /**
     * From a shutdown hook that has asked the command to stop: keeps the JVM up until the command has returned (at
     * most {@code timeout}; after that the JVM exits with its own code, the command's clean-up unfinished).
     */
    static void awaitCommand(Thread command, Duration timeout) {
        commandsCode = true;
        try {
            command.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the JVM with the command's code, also when an interrupt has already started its exit. */
    static void exit(int code) {
        if (commandsCode) {
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(code); // System.exit would wait for the shutdown already under way
        }
        System.exit(code);
    }
}
