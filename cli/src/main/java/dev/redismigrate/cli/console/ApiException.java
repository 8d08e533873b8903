package dev.redismigrate.cli.console;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the console refuses, as the API answers it: an HTTP status, one line saying what is wrong and what to do,
 * the form field it is about (or null), and any details the answer carries (the validation or verification report).
 */
final class ApiException extends RuntimeException {
    private final int status;
    private final String field;
    private final Map<String, Object> details;

    ApiException(int status, String field, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.field = field;
        this.details = Map.copyOf(details);
    }

    static ApiException badRequest(String field, String message) {
        return new ApiException(400, field, message, Map.of());
    }

    static ApiException notFound(String message) {
        return new ApiException(404, null, message, Map.of());
    }

    static ApiException conflict(String message) {
        return new ApiException(409, null, message, Map.of());
    }

    /** 405, naming the methods the path takes (also sent as the {@code Allow} header). */
    static ApiException methodNotAllowed(String allowed) {
        return new ApiException(405, null, "method not allowed here; use " + allowed, Map.of("allowed", allowed));
    }

    int status() {
        return status;
    }

    /** The methods a 405 names, or null. */
    String allowed() {
        return (String) details.get("allowed");
    }

    /** The answer's body: {@code {"error", "field", ...details}}. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", getMessage());
        body.put("field", field);
        body.putAll(details);
        return body;
    }
}
