package dev.redismigrate.aws.execution;

/**
 * Step Functions no longer waits for this container: its token timed out (a successor took over after missed
 * heartbeats), or the execution ended (cleanup runs, or it was stopped). The container stops without undoing anything.
 */
public class TaskTokenExpiredException extends RuntimeException {
    public TaskTokenExpiredException(String errorCode, Throwable cause) {
        super("the state machine no longer waits for this sync (" + errorCode + ")", cause);
    }
}
