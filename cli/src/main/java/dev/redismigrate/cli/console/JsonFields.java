package dev.redismigrate.cli.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Typed fields of a request object, each refused with a 400 naming the field when it has the wrong type. A missing
 * field and a JSON null are the same: absent.
 */
final class JsonFields {
    private final JsonNode node;
    private final String prefix;

    JsonFields(JsonNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /** The fields of the nested object {@code name}, or null when absent. */
    JsonFields object(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw wrongType(name, "an object");
        }
        return new JsonFields(value, path(name) + ".");
    }

    String text(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(name, "a string");
        }
        return value.asText();
    }

    boolean bool(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw wrongType(name, "true or false");
        }
        return value.asBoolean();
    }

    /** A TCP port: a whole number from 1 to 65535 (a string of digits is accepted, as forms send them). */
    Integer port(String name) {
        JsonNode value = value(name);
        if (value == null || (value.isTextual() && value.asText().isBlank())) {
            return null;
        }
        String text = value.asText().trim();
        if (!(value.isIntegralNumber() || value.isTextual()) || !text.matches("\\d{1,5}")
                || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
            throw ApiException.badRequest(path(name), path(name) + " must be a port number from 1 to 65535, not "
                    + value);
        }
        return Integer.parseInt(text);
    }

    /** An ISO-8601 time with a zone or offset ({@code 2026-12-01T22:00:00Z}, {@code 2026-12-01T22:00+01:00}). */
    Instant instant(String name) {
        String text = text(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(path(name), path(name) + " '" + text + "' is not an ISO-8601 time with a"
                    + " zone; use e.g. 2026-12-01T22:00:00Z or 2026-12-01T22:00:00+01:00");
        }
    }

    /** The object {@code name} as text values by key (numbers and booleans are taken as their text). */
    Map<String, String> textMap(String name) {
        JsonNode value = value(name);
        Map<String, String> map = new LinkedHashMap<>();
        if (value == null) {
            return map;
        }
        if (!value.isObject()) {
            throw wrongType(name, "an object of name: value");
        }
        value.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw wrongType(name + "." + e.getKey(), "a string");
            }
            map.put(e.getKey(), e.getValue().asText());
        });
        return map;
    }

    String path(String name) {
        return prefix + name;
    }

    private JsonNode value(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private ApiException wrongType(String name, String expected) {
        return ApiException.badRequest(path(name), path(name) + " must be " + expected);
    }
}
