package dev.redismigrate.sync.resp;

import dev.redismigrate.core.progress.DbKeyCount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** The parsed text of an {@code INFO} reply: {@code field:value} lines. */
public final class Info {
    private final Map<String, String> fields;

    private Info(Map<String, String> fields) {
        this.fields = fields;
    }

    public static Info of(RespConnection connection, String section) throws IOException {
        Object reply = connection.callOk("INFO", section);
        return parse(new String((byte[]) reply, StandardCharsets.UTF_8));
    }

    public static Info parse(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return new Info(fields);
    }

    public String get(String field) {
        return fields.get(field);
    }

    public long getLong(String field, long fallback) {
        String value = fields.get(field);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** {@code db0:keys=1,expires=0,avg_ttl=0} lines. */
    public Map<Integer, DbKeyCount> keyspace() {
        Map<Integer, DbKeyCount> result = new TreeMap<>();
        fields.forEach((name, value) -> {
            if (name.startsWith("db") && value.contains("keys=")) {
                long keys = 0;
                long expires = 0;
                for (String part : value.split(",")) {
                    String[] kv = part.split("=", 2);
                    if (kv.length == 2 && kv[0].equals("keys")) {
                        keys = Long.parseLong(kv[1]);
                    } else if (kv.length == 2 && kv[0].equals("expires")) {
                        expires = Long.parseLong(kv[1]);
                    }
                }
                result.put(Integer.parseInt(name.substring(2)), new DbKeyCount(keys, expires));
            }
        });
        return result;
    }
}
