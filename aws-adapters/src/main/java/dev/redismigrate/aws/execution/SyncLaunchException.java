package dev.redismigrate.aws.execution;

/** The sync container could not be started; the message says why (ECS's reason) and what to do. */
public final class SyncLaunchException extends RuntimeException {
    /** What kept the container from starting, as ECS reported it. */
    public enum Kind {
        /** No capacity for the task just now (Fargate capacity, ENIs, a disconnected agent, ECS's own error): try again. */
        NO_CAPACITY,
        /** The image could not be pulled: the task stopped at once with CannotPullContainerError. */
        IMAGE_NOT_PULLED,
        /** Anything else: ECS refused the task, or it stopped at once for another reason. */
        REFUSED
    }

    private final Kind kind;

    public SyncLaunchException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
