package dev.redismigrate.statemachine;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.testkit.LoopbackPorts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The test JVM's side of a local execution: a loopback HTTP server that hands each Lambda Task state's payload to
 * the Java handler registered under the state machine's substitution key for that function (e.g.
 * {@code ValidateFunctionArn}), exactly as the Lambda runtime would call it ({@link RequestStreamHandler}: JSON bytes in,
 * JSON bytes out, an exception becomes a function error named after its class). The start-sync function's launcher
 * finds the local Step Functions callback API at {@link #stepFunctionsEndpoint()}.
 * <pre>
 * try (LambdaBridge bridge = LambdaBridge.start()) {
 *     bridge.register("ValidateFunctionArn", new ValidateHandler(...)).containers(fakeContainers);
 *     ... LocalExecution.of(node, bridge).input(...).run(timeout) ...
 * }
 * </pre>
 */
final class LambdaBridge implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, RequestStreamHandler> functions = new ConcurrentHashMap<>();
    private final Map<String, Deque<String>> faults = new ConcurrentHashMap<>();
    private final List<String> invocations = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile URI stepFunctionsEndpoint;

    private LambdaBridge(HttpServer server) {
        this.server = server;
    }

    static LambdaBridge start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(LoopbackPorts.HOST, 0), 0);
        LambdaBridge bridge = new LambdaBridge(server);
        server.createContext("/lambda/", bridge::invokeLambda);
        server.setExecutor(bridge.executor);
        server.start();
        return bridge;
    }

    URI url() {
        return URI.create("http://" + LoopbackPorts.HOST + ":" + server.getAddress().getPort());
    }

    /** @param functionKey the substitution key of the function in migration.asl.json, e.g. {@code LockFunctionArn} */
    LambdaBridge register(String functionKey, RequestStreamHandler handler) {
        functions.put(functionKey, handler);
        return this;
    }

    /** Where the local execution answers task tokens (SendTask*), as its last Lambda call said; null before one. */
    URI stepFunctionsEndpoint() {
        return stepFunctionsEndpoint;
    }

    /** The function's next invocation fails with {@code errorType} before reaching the handler (e.g. Lambda.ServiceException). */
    void failNextInvocation(String functionKey, String errorType) {
        faults.computeIfAbsent(functionKey, k -> new ArrayDeque<>()).add(errorType);
    }

    /** Function keys in the order they were invoked, failed invocations included. */
    List<String> invocations() {
        synchronized (invocations) {
            return List.copyOf(invocations);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void invokeLambda(HttpExchange exchange) throws IOException {
        String key = URLDecoder.decode(exchange.getRequestURI().getPath().substring("/lambda/".length()), StandardCharsets.UTF_8);
        byte[] payload = exchange.getRequestBody().readAllBytes();
        String endpoint = exchange.getRequestHeaders().getFirst("X-Step-Functions-Endpoint");
        if (endpoint != null) {
            stepFunctionsEndpoint = URI.create(endpoint);
        }
        invocations.add(key);
        String fault = faults.getOrDefault(key, new ArrayDeque<>()).poll();
        if (fault != null) {
            respond(exchange, 500, functionError(fault, "injected by the test"));
            return;
        }
        RequestStreamHandler handler = functions.get(key);
        if (handler == null) {
            respond(exchange, 500, functionError("Harness.NoHandler", "no handler registered for " + key));
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(payload), output, new TestLambdaContext(key));
        } catch (Exception | AssertionError e) {
            respond(exchange, 500, functionError(e.getClass().getName(), String.valueOf(e.getMessage())));
            return;
        }
        respond(exchange, 200, output.size() == 0 ? "null".getBytes(StandardCharsets.UTF_8) : output.toByteArray());
    }

    private static byte[] functionError(String type, String message) throws IOException {
        return TaskJson.mapper().writeValueAsBytes(Map.of("errorType", type, "errorMessage", message));
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
