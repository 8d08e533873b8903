package dev.redismigrate.cli;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StopExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StopExecutionResponse;

/**
 * Step Functions as a fake of its SDK interface: starts and stops succeed and are kept, in order, for the cloud-mode
 * tests to read: as the requests themselves, and as {@code start <name>} and {@code stop <name>}.
 */
public final class RecordedStepFunctions implements SfnClient {
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<Object> requests = new CopyOnWriteArrayList<>();

    public List<String> calls() {
        return calls;
    }

    public List<Object> requests() {
        return requests;
    }

    @Override
    public StartExecutionResponse startExecution(StartExecutionRequest request) {
        requests.add(request);
        calls.add("start " + request.name());
        return StartExecutionResponse.builder().executionArn("arn:execution").startDate(Instant.now()).build();
    }

    @Override
    public StopExecutionResponse stopExecution(StopExecutionRequest request) {
        requests.add(request);
        calls.add("stop " + request.executionArn().substring(request.executionArn().lastIndexOf(':') + 1));
        return StopExecutionResponse.builder().stopDate(Instant.now()).build();
    }

    @Override
    public String serviceName() {
        return "states";
    }

    @Override
    public void close() {
    }
}
