package dev.redismigrate.aws.execution;

/** The sync container could not be started; the message says why (ECS's failure reason) and what to check. */
public final class SyncLaunchException extends RuntimeException {
    public SyncLaunchException(String message) {
        super(message);
    }
}
