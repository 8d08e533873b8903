package dev.redismigrate.sync.cluster;

/**
 * A command of the source that no node of a cluster can apply with its meaning (a database other than 0, a script
 * without keys). Fatal for a sync into a cluster: retrying cannot change it.
 */
public final class UnroutableCommandException extends RuntimeException {
    private final String command;

    public UnroutableCommandException(String command, String reason) {
        super("cannot apply " + command + " of the source to a cluster: " + reason);
        this.command = command;
    }

    public String command() {
        return command;
    }
}
