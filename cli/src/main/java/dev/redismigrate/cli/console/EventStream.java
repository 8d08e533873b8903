package dev.redismigrate.cli.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import dev.redismigrate.core.store.TaskJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/events}: server-sent events to every open page. Each subscriber has a bounded queue; one that falls
 * that far behind (a stalled connection) is dropped: its stream ends once it has written what it holds, and its browser
 * reconnects by itself. Each open stream holds one of the server's threads, so there are at most {@link #MAX_STREAMS}:
 * a page beyond them is answered 503 and polls instead (js/live.js), and API calls always find a thread.
 */
final class EventStream {
    static final int QUEUE = 1000;
    /** Of the server's 32 threads (ConsoleServer), the rest serve pages and API calls. */
    static final int MAX_STREAMS = 24;
    private static final long KEEP_ALIVE_SECONDS = 15;
    private static final String CLOSING = ": the console stops\n\n";

    private final Set<BlockingQueue<String>> subscribers = ConcurrentHashMap.newKeySet();
    private final Semaphore streams = new Semaphore(MAX_STREAMS);
    private volatile boolean closed;

    /** Sends {@code data} (as JSON) as an event named {@code name} to every subscriber. */
    void publish(String name, Object data) {
        String frame;
        try {
            frame = "event: " + name + "\ndata: " + TaskJson.mapper().writeValueAsString(data) + "\n\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        subscribers.removeIf(queue -> !queue.offer(frame));
    }

    /**
     * Holds the exchange open and writes the events to it until the client leaves, falls behind or the console stops.
     *
     * @throws ApiException 503 when {@link #MAX_STREAMS} streams are open
     */
    void serve(HttpExchange exchange) throws IOException {
        if (!streams.tryAcquire()) {
            throw new ApiException(503, null, "the console serves " + MAX_STREAMS + " live pages at most: this page"
                    + " asks for updates every few seconds instead; close other pages of the console", Map.of());
        }
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
        subscribers.add(queue);
        try {
            stream(exchange, queue);
        } finally {
            subscribers.remove(queue);
            streams.release();
        }
    }

    private void stream(HttpExchange exchange, BlockingQueue<String> queue) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            // a queue that publish() dropped gets no more events: end the stream so the browser opens a new one
            while (!closed && (subscribers.contains(queue) || !queue.isEmpty())) {
                String frame = queue.poll(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
                out.write((frame == null ? ": keep-alive\n\n" : frame).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientLeft) {
            // the page was closed or reloaded: nothing to do but forget it
        }
    }

    /** Ends every open stream (the console stops). */
    void close() {
        closed = true;
        subscribers.forEach(queue -> queue.offer(CLOSING)); // wakes each stream, which then sees closed
    }
}
