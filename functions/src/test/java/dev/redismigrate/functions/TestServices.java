package dev.redismigrate.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.port.Executions;
import dev.redismigrate.core.port.SyncTasks;
import dev.redismigrate.core.store.InMemoryTargetClaim;
import dev.redismigrate.core.store.InMemoryTaskStore;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.usecase.cloud.RecordedExecutions;
import dev.redismigrate.core.validation.LocalCloudChecks;
import dev.redismigrate.functions.workflow.StepHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The handlers' composition for tests: tasks and claims in memory, passwords from a given environment, local cloud
 * checks, and the AWS calls (executions, sync containers) recorded as lines.
 */
final class TestServices {
    final InMemoryTaskStore store = new InMemoryTaskStore();
    final InMemoryTargetClaim claims = new InMemoryTargetClaim();
    final List<String> awsCalls = Collections.synchronizedList(new ArrayList<>());
    final CloudServices services;

    TestServices(Map<String, String> environment) {
        Executions executions = new RecordedExecutions(awsCalls);
        SyncTasks containers = (startedBy, reason) -> {
            awsCalls.add("stop containers of " + startedBy);
            return 1;
        };
        services = new CloudServices(new CloudServices.Ports(store, claims, new LocalSecretResolver(environment),
                new LocalCloudChecks(), executions, containers, Clock.systemUTC()));
    }

    /** Calls the handler as the Lambda runtime does: JSON bytes in, JSON bytes out. */
    static JsonNode invoke(StepHandler<?, ?> handler, String json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, null);
            return TaskJson.mapper().readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
