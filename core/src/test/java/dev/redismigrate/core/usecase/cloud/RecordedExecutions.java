package dev.redismigrate.core.usecase.cloud;

import dev.redismigrate.core.port.Executions;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@link Executions} for tests: every call kept as a line ("start mig-x waiting until ...", "stop mig-x"). */
public final class RecordedExecutions implements Executions {
    private final List<String> calls;
    private final Set<String> refusedStarts = new HashSet<>();

    /** @param calls where the lines go (a test may share it with other fakes, to see the order of every call) */
    public RecordedExecutions(List<String> calls) {
        this.calls = calls;
    }

    /** Step Functions refuses to start an execution of this name (a name taken, a throttled API). */
    public void refuseStart(String name) {
        refusedStarts.add(name);
    }

    @Override
    public void start(String name, String taskId, Instant waitUntil) {
        if (refusedStarts.contains(name)) {
            throw new IllegalStateException("StartExecution refused " + name);
        }
        calls.add("start " + name + (waitUntil == null ? "" : " waiting until " + waitUntil));
    }

    @Override
    public void schedule(String name, String taskId, Instant at) {
        calls.add("schedule " + name + " at " + at);
    }

    @Override
    public void stop(String name, String cause) {
        calls.add("stop " + name);
    }
}
