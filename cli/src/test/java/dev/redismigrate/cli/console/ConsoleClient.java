package dev.redismigrate.cli.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** The console's API over real HTTP, as a script or the pages call it; every call bounded in time. */
public final class ConsoleClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    public record Answer(int status, JsonNode body, String text, HttpResponse<String> response) {
        public String error() {
            return body.path("error").asText();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    public ConsoleClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    public Answer post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A request built by the test (other headers, no token, ...). */
    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode body = text.isEmpty() || !response.headers().firstValue("Content-Type").orElse("").contains("json")
                    ? JSON.createObjectNode() : JSON.readTree(text);
            return new Answer(response.statusCode(), body, text, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    /** The task as the API shows it, once {@code condition} holds (within 90 s). */
    JsonNode awaitTask(String id, Predicate<JsonNode> condition, String what) {
        JsonNode[] last = new JsonNode[1];
        await(() -> condition.test(last[0] = get("/api/tasks/" + id).body()), what + "; last seen: " + last[0]);
        return last[0];
    }

    public static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached in time: " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what);
            }
        }
    }

    /** The lines of {@code /api/events} as they arrive, read on a daemon thread until the stream ends. */
    List<String> events() {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = request("/api/events").GET().build();
        Thread reader = new Thread(() -> {
            try {
                InputStream in = http.send(request, HttpResponse.BodyHandlers.ofInputStream()).body();
                try (BufferedReader lineReader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lineReader.readLine()) != null) {
                        lines.add(line);
                    }
                }
            } catch (IOException | InterruptedException e) {
                lines.add("! " + e);
            }
        }, "test-events");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
