package dev.redismigrate.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;

/** What answers the RunSync state's ECS RunTask in a local execution: starts a (fake) sync container. */
interface SyncContainers {
    /**
     * @param parameters the RunTask request as the state machine built it
     * @param environment the container's environment overrides (task id and task token)
     * @param stepFunctionsEndpoint where the container sends SendTaskSuccess/Failure/Heartbeat (the local emulation)
     */
    record RunTask(JsonNode parameters, Map<String, String> environment, URI stepFunctionsEndpoint) {
    }

    /** Starts the container and returns at once, as ECS RunTask does. */
    void runTask(RunTask request);
}
