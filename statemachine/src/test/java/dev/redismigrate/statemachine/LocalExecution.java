package dev.redismigrate.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.testkit.NodeTools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One execution of the real {@code migration.asl.json}, run by aws-local-stepfunctions in a Node process
 * ({@code src/test/node/local-execution.mjs}) with every Task state answered through a {@link LambdaBridge}.
 * <pre>
 * LocalExecution.Result result = LocalExecution.of(node, bridge)
 *         .input(Map.of("taskId", id)).executionName("mig-" + id)
 *         .heartbeatOverride("SyncShard", 1500)
 *         .start().await(Duration.ofSeconds(60));
 * </pre>
 * Overrides are in milliseconds: {@code waitOverride} replaces a Wait state's duration, {@code retryOverride} the pause
 * of a state's retries, {@code heartbeatOverride} a task state's HeartbeatSeconds.
 */
final class LocalExecution {
    private static final Path SCRIPT = Path.of("src/test/node/local-execution.mjs").toAbsolutePath();

    /** How the execution ended, and every event on the way (the library's event log). */
    record Result(String status, String error, String cause, JsonNode output, List<JsonNode> events) {
        /** Names of the states entered, in order (a retried state appears once per attempt only if re-entered). */
        List<String> statesEntered() {
            return events.stream().filter(e -> "StateEntered".equals(e.path("type").asText()))
                    .map(e -> e.path("state").path("name").asText()).toList();
        }

        long retries(String state) {
            return events.stream().filter(e -> "StateRetried".equals(e.path("type").asText())
                    && state.equals(e.path("state").path("name").asText())).count();
        }

        /** Time from entering to leaving the state (first visit). */
        Duration timeIn(String state) {
            long entered = timestamp("StateEntered", state);
            long exited = timestamp("StateExited", state);
            return Duration.ofMillis(exited - entered);
        }

        /** When the state was first entered, by the wall clock. */
        Instant enteredAt(String state) {
            return Instant.ofEpochMilli(timestamp("StateEntered", state));
        }

        private long timestamp(String type, String state) {
            return events.stream().filter(e -> type.equals(e.path("type").asText()) && state.equals(e.path("state").path("name").asText()))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + type + " for " + state + " in " + events))
                    .path("timestamp").asLong();
        }
    }

    /**
     * A running execution. Closing it ends its process; one that refuses its tokens after the result
     * ({@link #refusingTokensAfterResult}) lives until then.
     */
    static final class Running implements AutoCloseable {
        private final Process process;
        private final CompletableFuture<Result> result;
        private final List<String> lines;
        private final boolean outlivesResult;

        private Running(Process process, CompletableFuture<Result> result, List<String> lines, boolean outlivesResult) {
            this.process = process;
            this.result = result;
            this.lines = lines;
            this.outlivesResult = outlivesResult;
        }

        /** The execution has ended (or its runner died): waiting for something else to happen is pointless. */
        boolean isDone() {
            return result.isDone();
        }

        Result await(Duration timeout) throws InterruptedException {
            try {
                return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                process.destroyForcibly();
                throw new AssertionError("the execution did not end within " + timeout + "; output so far:\n" + output(), e);
            } catch (ExecutionException e) {
                process.destroyForcibly();
                throw new AssertionError("the local execution failed to run; output:\n" + output(), e.getCause());
            } finally {
                if (!outlivesResult) {
                    process.destroyForcibly();
                }
            }
        }

        /** Ends the process: it stops answering the execution's tokens at all. */
        @Override
        public void close() throws InterruptedException {
            try {
                process.getOutputStream().close();
            } catch (IOException alreadyGone) {
                // the process has ended
            }
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }

        private String output() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }

    private final NodeTools node;
    private final LambdaBridge bridge;
    private Object input = Map.of();
    private String executionName = "local";
    private final Map<String, Long> waitOverrides = new LinkedHashMap<>();
    private final Map<String, Long> retryOverrides = new LinkedHashMap<>();
    private boolean refuseTokensAfterResult;
    private final Map<String, Long> heartbeatOverrides = new LinkedHashMap<>();

    private LocalExecution(NodeTools node, LambdaBridge bridge) {
        this.node = node;
        this.bridge = bridge;
    }

    static LocalExecution of(NodeTools node, LambdaBridge bridge) {
        return new LocalExecution(node, bridge);
    }

    LocalExecution input(Object executionInput) {
        this.input = executionInput;
        return this;
    }

    LocalExecution executionName(String name) {
        this.executionName = name;
        return this;
    }

    LocalExecution waitOverride(String state, long millis) {
        waitOverrides.put(state, millis);
        return this;
    }

    LocalExecution retryOverride(String state, long millis) {
        retryOverrides.put(state, millis);
        return this;
    }

    LocalExecution heartbeatOverride(String state, long millis) {
        heartbeatOverrides.put(state, millis);
        return this;
    }

    /**
     * After its result, the execution's callback API goes on refusing its tokens, as Step Functions does, until the
     * {@link Running} is closed (for containers that call late): close it at the end of the test.
     */
    LocalExecution refusingTokensAfterResult() {
        this.refuseTokensAfterResult = true;
        return this;
    }

    Running start() throws IOException {
        ObjectNode request = TaskJson.mapper().createObjectNode();
        request.put("definitionPath", MigrationDefinition.path().toString());
        request.set("substitutions", TaskJson.mapper().valueToTree(MigrationDefinition.testSubstitutions()));
        request.set("input", TaskJson.mapper().valueToTree(input));
        request.put("executionName", executionName);
        request.put("bridgeUrl", bridge.url().toString());
        request.set("waitTimeOverrides", TaskJson.mapper().valueToTree(waitOverrides));
        request.set("retryIntervalOverrides", TaskJson.mapper().valueToTree(retryOverrides));
        request.set("heartbeatOverrides", TaskJson.mapper().valueToTree(heartbeatOverrides));
        request.put("refuseTokensUntilStdinEnds", refuseTokensAfterResult);
        Path requestFile = Files.createTempFile("execution-", ".json");
        requestFile.toFile().deleteOnExit();
        Files.writeString(requestFile, TaskJson.mapper().writeValueAsString(request));

        Process process = node.command(SCRIPT, requestFile.toString()).start();
        List<String> lines = new ArrayList<>();
        CompletableFuture<Result> result = CompletableFuture.supplyAsync(() -> read(process, lines));
        return new Running(process, result, lines, refuseTokensAfterResult);
    }

    private static Result read(Process process, List<String> lines) {
        List<JsonNode> events = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                synchronized (lines) {
                    lines.add(line);
                }
                Optional<JsonNode> event = parse(line);
                if (event.isEmpty()) {
                    continue;
                }
                if ("Harness.Result".equals(event.get().path("type").asText())) {
                    JsonNode r = event.get();
                    return new Result(r.path("status").asText(), text(r, "error"), text(r, "cause"), r.get("output"), events);
                }
                events.add(event.get());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the execution's output", e);
        }
        throw new IllegalStateException("the execution ended without a result:\n" + String.join("\n", lines));
    }

    private static Optional<JsonNode> parse(String line) {
        if (!line.startsWith("{")) {
            return Optional.empty();
        }
        try {
            return Optional.of(TaskJson.mapper().readTree(line));
        } catch (IOException notAnEvent) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
