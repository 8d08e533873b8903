package dev.redismigrate.aws.execution;

import java.util.List;

/**
 * The {@code failures[].reason} texts of ECS RunTask that mean "no room for the task just now": ECS returns them as
 * text only (Amazon ECS Developer Guide, "API failure reasons"), so they are sorted here, at the adapter's edge, into
 * {@link SyncLaunchException.Kind#NO_CAPACITY} and the rest.
 */
final class EcsFailureReasons {
    /** Fargate: "Capacity is unavailable at this time. Please try again later or in a different availability zone". */
    private static final String FARGATE_CAPACITY = "Capacity is unavailable";
    /** RESOURCE:ENI, RESOURCE:CPU, RESOURCE:MEMORY, ...: a resource the task needs is exhausted for now. */
    private static final String RESOURCE = "RESOURCE:";
    /** AGENT: the instance's agent is disconnected; AmazonECS.Unknown: an error of ECS itself. */
    private static final List<String> TRANSIENT = List.of("AGENT", "AmazonECS.Unknown");

    private EcsFailureReasons() {
    }

    static boolean isCapacity(String reason) {
        return reason != null && (reason.startsWith(FARGATE_CAPACITY) || reason.startsWith(RESOURCE) || TRANSIENT.contains(reason));
    }
}
