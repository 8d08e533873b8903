package dev.redismigrate.sync;

import dev.redismigrate.core.progress.CheckpointKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Test-only: compares two servers key by key (type, value, TTL within a tolerance) in the given databases and
 * returns the differences as readable lines (empty when equal). Values are compared by meaning, not encoding, so a
 * 2.8 source and a 7.0 target compare equal when they hold the same data.
 */
final class KeyspaceComparison {
    private static final long TTL_TOLERANCE_MS = 1000;
    /** Keys whose type, TTL and string value are read in one pipeline per server. */
    private static final int PAGE = 500;

    /** One key on one side: its type, its TTL, and its value when it is a string (else null: read by type). */
    private record Facts(String type, long pttl, byte[] string) {
    }

    private KeyspaceComparison() {
    }

    static List<String> differences(Jedis source, Jedis target, int... dbs) {
        List<String> diffs = new ArrayList<>();
        for (int db : dbs) {
            source.select(db);
            target.select(db);
            compare(keysOn(List.of(source)), keysOn(List.of(target)), db, diffs);
            if (diffs.size() > 20) {
                return diffs.subList(0, 20);
            }
        }
        return diffs;
    }

    /** The same against a cluster: every key of the source's db 0 with the primary holding it, and back. */
    static List<String> clusterDifferences(Jedis source, List<Jedis> primaries) {
        source.select(0);
        return differences(List.of(source), primaries);
    }

    /** Db 0 of one or more servers (a cluster's primaries), each key read where it is, on either side. */
    static List<String> differences(List<Jedis> source, List<Jedis> target) {
        List<String> diffs = new ArrayList<>();
        compare(keysOn(source), keysOn(target), 0, diffs);
        return diffs.size() > 20 ? diffs.subList(0, 20) : diffs;
    }

    /** Every key of the servers' selected database, with the server holding it. */
    private static Map<ByteBuffer, Jedis> keysOn(List<Jedis> servers) {
        Map<ByteBuffer, Jedis> keys = new HashMap<>();
        servers.forEach(server -> keys(server).forEach(key -> keys.put(key, server)));
        return keys;
    }

    private static void compare(Map<ByteBuffer, Jedis> sourceKeys, Map<ByteBuffer, Jedis> targetKeys, int db,
                                List<String> diffs) {
        if (db == CheckpointKey.DB) {
            targetKeys.keySet().removeIf(k -> text(k).startsWith(CheckpointKey.PREFIX));
        }
        List<ByteBuffer> onBoth = new ArrayList<>();
        sourceKeys.keySet().forEach(key -> {
            if (targetKeys.containsKey(key)) {
                onBoth.add(key);
            } else {
                diffs.add("db" + db + " " + text(key) + ": missing on target");
            }
        });
        for (int from = 0; from < onBoth.size(); from += PAGE) {
            List<ByteBuffer> page = onBoth.subList(from, Math.min(onBoth.size(), from + PAGE));
            Map<ByteBuffer, Facts> source = facts(sourceKeys, page);
            Map<ByteBuffer, Facts> target = facts(targetKeys, page);
            for (ByteBuffer key : page) {
                compare(db, key, source.get(key), target.get(key), sourceKeys.get(key), targetKeys.get(key), diffs);
            }
        }
        for (ByteBuffer key : targetKeys.keySet()) {
            if (!sourceKeys.containsKey(key)) {
                diffs.add("db" + db + " " + text(key) + ": only on target");
            }
        }
    }

    private static void compare(int db, ByteBuffer key, Facts s, Facts t, Jedis source, Jedis target,
                                List<String> diffs) {
        if (!s.type().equals(t.type())) {
            diffs.add("db" + db + " " + text(key) + ": type " + s.type() + " vs " + t.type());
            return;
        }
        byte[] k = bytes(key);
        Object sourceValue = s.string() != null ? ByteBuffer.wrap(s.string()) : value(source, s.type(), k);
        Object targetValue = t.string() != null ? ByteBuffer.wrap(t.string()) : value(target, t.type(), k);
        if (!sourceValue.equals(targetValue)) {
            diffs.add("db" + db + " " + text(key) + ": " + s.type() + " values differ");
        }
        if ((s.pttl() < 0) != (t.pttl() < 0) || Math.abs(s.pttl() - t.pttl()) > TTL_TOLERANCE_MS) {
            diffs.add("db" + db + " " + text(key) + ": ttl " + s.pttl() + " vs " + t.pttl());
        }
    }

    /**
     * Type, TTL and (for a string) value of each key of a page, pipelined per server holding them: two round trips
     * per server and page instead of three per key (the comparison of 200k keys took 82-90 s key by key under load).
     */
    private static Map<ByteBuffer, Facts> facts(Map<ByteBuffer, Jedis> holders, List<ByteBuffer> page) {
        Map<Jedis, List<ByteBuffer>> byServer = new HashMap<>();
        page.forEach(key -> byServer.computeIfAbsent(holders.get(key), j -> new ArrayList<>()).add(key));
        Map<ByteBuffer, Facts> facts = new HashMap<>();
        byServer.forEach((server, keys) -> {
            List<Response<String>> types = new ArrayList<>();
            List<Response<Long>> ttls = new ArrayList<>();
            try (Pipeline pipeline = server.pipelined()) {
                for (ByteBuffer key : keys) {
                    types.add(pipeline.type(bytes(key)));
                    ttls.add(pipeline.pttl(bytes(key)));
                }
            }
            Map<ByteBuffer, Response<byte[]>> strings = new HashMap<>();
            try (Pipeline pipeline = server.pipelined()) {
                for (int i = 0; i < keys.size(); i++) {
                    if (types.get(i).get().equals("string")) {
                        strings.put(keys.get(i), pipeline.get(bytes(keys.get(i))));
                    }
                }
            }
            for (int i = 0; i < keys.size(); i++) {
                Response<byte[]> string = strings.get(keys.get(i));
                facts.put(keys.get(i), new Facts(types.get(i).get(), ttls.get(i).get(),
                        string == null ? null : string.get()));
            }
        });
        return facts;
    }

    private static Set<ByteBuffer> keys(Jedis jedis) {
        Set<ByteBuffer> keys = new HashSet<>();
        byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
        ScanParams params = new ScanParams().count(1000);
        do {
            ScanResult<byte[]> page = jedis.scan(cursor, params);
            page.getResult().forEach(k -> keys.add(ByteBuffer.wrap(k)));
            cursor = page.getCursorAsBytes();
        } while (!new String(cursor, StandardCharsets.US_ASCII).equals("0"));
        return keys;
    }

    private static Object value(Jedis jedis, String type, byte[] key) {
        switch (type) {
            case "string":
                return ByteBuffer.wrap(jedis.get(key));
            case "list": {
                List<ByteBuffer> items = new ArrayList<>();
                long len = jedis.llen(key);
                for (long i = 0; i < len; i += 10_000) {
                    jedis.lrange(key, i, i + 9_999).forEach(b -> items.add(ByteBuffer.wrap(b)));
                }
                return items;
            }
            case "set": {
                Set<ByteBuffer> members = new HashSet<>();
                byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
                do {
                    ScanResult<byte[]> page = jedis.sscan(key, cursor, new ScanParams().count(1000));
                    page.getResult().forEach(b -> members.add(ByteBuffer.wrap(b)));
                    cursor = page.getCursorAsBytes();
                } while (!new String(cursor, StandardCharsets.US_ASCII).equals("0"));
                return members;
            }
            case "zset": {
                Map<ByteBuffer, Double> members = new HashMap<>();
                long len = jedis.zcard(key);
                for (long i = 0; i < len; i += 10_000) {
                    jedis.zrangeWithScores(key, i, i + 9_999)
                            .forEach(t -> members.put(ByteBuffer.wrap(t.getBinaryElement()), t.getScore()));
                }
                return members;
            }
            case "hash": {
                Map<ByteBuffer, ByteBuffer> fields = new HashMap<>();
                byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
                do {
                    var page = jedis.hscan(key, cursor, new ScanParams().count(1000));
                    page.getResult().forEach(e -> fields.put(ByteBuffer.wrap(e.getKey()), ByteBuffer.wrap(e.getValue())));
                    cursor = page.getCursorAsBytes();
                } while (!new String(cursor, StandardCharsets.US_ASCII).equals("0"));
                return fields;
            }
            case "stream": {
                Map<String, Object> stream = new TreeMap<>();
                stream.put("entries", String.valueOf(jedis.sendCommand(
                        redis.clients.jedis.Protocol.Command.XRANGE, key, "-".getBytes(), "+".getBytes()) instanceof List<?> l
                        ? render(l) : null));
                // only the fields every version reports (7.0 adds entries-read and lag)
                for (Object group : (List<?>) jedis.sendCommand(redis.clients.jedis.Protocol.Command.XINFO,
                        "GROUPS".getBytes(), key)) {
                    List<?> fields = (List<?>) group;
                    Map<String, String> kept = new TreeMap<>();
                    for (int i = 0; i + 1 < fields.size(); i += 2) {
                        String name = render(fields.get(i));
                        if (Set.of("name", "consumers", "pending", "last-delivered-id").contains(name)) {
                            kept.put(name, render(fields.get(i + 1)));
                        }
                    }
                    stream.put("group " + kept.get("name"), kept.toString());
                }
                return stream;
            }
            default:
                return "unsupported type " + type;
        }
    }

    /** Nested replies as text, with the fields that differ by time (idle, seen-time) left out. */
    private static String render(Object reply) {
        if (reply instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (reply instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                if (item instanceof byte[] b && (new String(b).equals("idle") || new String(b).equals("inactive"))) {
                    i++;
                    continue;
                }
                out.append(render(item)).append(',');
            }
            return out.append(']').toString();
        }
        return String.valueOf(reply);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] b = new byte[buffer.remaining()];
        buffer.duplicate().get(b);
        return b;
    }

    private static String text(ByteBuffer buffer) {
        return new String(bytes(buffer), StandardCharsets.UTF_8);
    }
}
