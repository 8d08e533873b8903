package dev.redismigrate.cli.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.redismigrate.core.store.TaskJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** Reading a JSON request body and writing a JSON answer, the same way for every endpoint. */
final class HttpJson {
    /** Larger bodies are refused: a task form is a few hundred bytes. */
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final ObjectMapper MAPPER = TaskJson.mapper();

    private HttpJson() {
    }

    /**
     * The request's JSON object; an empty body reads as {@code {}}. A body, and any request that names a type, needs
     * {@code Content-Type: application/json} (415 otherwise: a cross-site HTML form cannot send it), must be JSON (400)
     * and an object (400).
     */
    static JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiException(413, null, "the request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB",
                    Map.of());
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        boolean json = type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
        boolean empty = bytes.length == 0 || new String(bytes, StandardCharsets.UTF_8).isBlank();
        // an empty body may come without a type (curl -X POST), but not with another one: an HTML form always sends
        // its type, so a cross-site form cannot press start or cancel with an empty body either
        if (!json && (type != null || !empty)) {
            throw new ApiException(415, null, "send the body as JSON with Content-Type: application/json",
                    Map.of());
        }
        if (empty) {
            return MAPPER.createObjectNode();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(null, "the body is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            throw ApiException.badRequest(null, "the body must be a JSON object, not " + node.getNodeType()
                    .toString().toLowerCase(Locale.ROOT));
        }
        return node;
    }

    /** A refusal as its status and body; a 405 also says in {@code Allow} which methods the path takes. */
    static void send(HttpExchange exchange, ApiException refusal) throws IOException {
        if (refusal.allowed() != null) {
            exchange.getResponseHeaders().set("Allow", refusal.allowed());
        }
        send(exchange, refusal.status(), refusal.body());
    }

    static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
