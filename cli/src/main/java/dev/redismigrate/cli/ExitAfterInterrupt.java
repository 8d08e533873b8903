package dev.redismigrate.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or SIGTERM) starts the JVM's exit, with 130 (143), and runs its shutdown hooks; a command whose hook handles
 * the interrupt (migrate cancels, restores the parameters and unlocks the target) would end with that code whatever it
 * did, and as soon as the hook returned, cutting off what the command still prints or closes. Such a hook {@link
 * #awaitCommand awaits the command} instead, and ends the JVM with the command's own exit code once {@link Main} has
 * it (5 for a cancelled migration, which says the clean-up was done).
 */
final class ExitAfterInterrupt {
    private static final CountDownLatch RETURNED = new CountDownLatch(1);
    private static volatile int code;

    private ExitAfterInterrupt() {
    }

    /**
     * From a shutdown hook that has asked the command to stop: keeps the JVM up until the command has returned, then
     * ends it with the command's code; after {@code timeout} the JVM exits with its own, the clean-up unfinished.
     */
    static void awaitCommand(Duration timeout) {
        try {
            if (RETURNED.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                System.out.flush();
                System.err.flush();
                Runtime.getRuntime().halt(code); // the exit under way would end with 130
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command has returned: its code ends the JVM (from a hook that awaits it, if an interrupt came first). */
    static void exit(int code) {
        ExitAfterInterrupt.code = code;
        RETURNED.countDown();
        System.exit(code); // waits, if an interrupt has already started the exit, for that hook to halt
    }
}
