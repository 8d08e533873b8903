package dev.redismigrate.redisio;

import dev.redismigrate.core.progress.DbKeyCount;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text of {@code INFO} as fields ({@code redis_version}, {@code used_memory}, ...) and the keyspace lines
 * ({@code db0:keys=1,expires=0,avg_ttl=0,subexpiry=0}). Every version from 2.8 writes the same {@code name:value}
 * lines; fields a version lacks are simply absent.
 */
public final class RedisInfo {
    private final Map<String, String> fields;
    private final Map<Integer, Map<String, String>> keyspace;

    private RedisInfo(Map<String, String> fields, Map<Integer, Map<String, String>> keyspace) {
        this.fields = fields;
        this.keyspace = keyspace;
    }

    public static RedisInfo parse(String text) {
        Map<String, String> fields = new HashMap<>();
        Map<Integer, Map<String, String>> keyspace = new TreeMap<>();
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            int colon = line.indexOf(':');
            if (line.isEmpty() || line.startsWith("#") || colon < 0) {
                continue;
            }
            String name = line.substring(0, colon);
            String value = line.substring(colon + 1);
            if (name.matches("db\\d+") && value.contains("=")) {
                Map<String, String> counts = new HashMap<>();
                for (String pair : value.split(",")) {
                    String[] kv = pair.split("=", 2);
                    if (kv.length == 2) {
                        counts.put(kv[0], kv[1]);
                    }
                }
                keyspace.put(Integer.parseInt(name.substring(2)), counts);
            } else {
                fields.put(name, value);
            }
        }
        return new RedisInfo(fields, keyspace);
    }

    /** The field's value, or null when this server does not report it. */
    public String get(String field) {
        return fields.get(field);
    }

    /** The field as a number, or null when absent or not a number. */
    public Long getLong(String field) {
        try {
            String value = fields.get(field);
            return value == null ? null : Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Keys and keys with a TTL per database that has any. */
    public Map<Integer, DbKeyCount> keyspace() {
        Map<Integer, DbKeyCount> counts = new TreeMap<>();
        keyspace.forEach((db, values) -> counts.put(db, new DbKeyCount(number(values.get("keys")), number(values.get("expires")))));
        return counts;
    }

    /** The sum of one keyspace field over all databases (e.g. {@code subexpiry}); 0 when no database reports it. */
    public long keyspaceTotal(String field) {
        return keyspace.values().stream().mapToLong(values -> number(values.get(field))).sum();
    }

    private static long number(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
