package dev.redismigrate.sync;

import dev.redismigrate.core.progress.CheckpointKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Test-only: compares two servers key by key (type, value, expiry within a tolerance) in the given databases and
 * returns the differences as readable lines (empty when equal). Values are compared by meaning, not encoding, so a
 * 2.8 source and a 7.0 target compare equal when they hold the same data.
 *
 * <p>Expiries are compared as points in time, not as the TTLs left: the servers and this JVM share one clock, and
 * each {@code PTTL} is read between two readings of it, so the moment the key expires is known within that round
 * trip on either side, whenever each side was read.
 */
final class KeyspaceComparison {
    /**
     * How far apart the two expiries may be, either way: what the sync's receive clock adds to a relative expiry
     * (it dates a command by the read that brought it, sampled every 50 ms), with room for a loaded machine.
     */
    private static final long EXPIRY_TOLERANCE_MS = 1000;

    private KeyspaceComparison() {
    }

    static List<String> differences(Jedis source, Jedis target, int... dbs) {
        return differences(source, target, Duration.ZERO, dbs);
    }

    /**
     * @param heldBySource how much longer a key may live on the target: a source before 7.0 propagates relative
     *                     expiries ({@code EXPIRE}, {@code SETEX}), which the sync dates from when they arrived, and
     *                     a command the source held back (its writes while it made and sent the snapshot) arrived
     *                     that much later than it ran
     */
    static List<String> differences(Jedis source, Jedis target, Duration heldBySource, int... dbs) {
        List<String> diffs = new ArrayList<>();
        for (int db : dbs) {
            source.select(db);
            target.select(db);
            compare(keysOn(List.of(source)), keysOn(List.of(target)), db, heldBySource.toMillis(), diffs);
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
        compare(keysOn(source), keysOn(target), 0, 0, diffs);
        return diffs.size() > 20 ? diffs.subList(0, 20) : diffs;
    }

    /** Every key of the servers' selected database, with the server holding it. */
    private static Map<ByteBuffer, Jedis> keysOn(List<Jedis> servers) {
        Map<ByteBuffer, Jedis> keys = new HashMap<>();
        servers.forEach(server -> keys(server).forEach(key -> keys.put(key, server)));
        return keys;
    }

    private static void compare(Map<ByteBuffer, Jedis> sourceKeys, Map<ByteBuffer, Jedis> targetKeys, int db,
                                long heldBySourceMs, List<String> diffs) {
        if (db == CheckpointKey.DB) {
            targetKeys.keySet().removeIf(k -> text(k).startsWith(CheckpointKey.PREFIX));
        }
        sourceKeys.forEach((key, source) -> {
            Jedis target = targetKeys.get(key);
            if (target == null) {
                diffs.add("db" + db + " " + text(key) + ": missing on target");
                return;
            }
            byte[] k = bytes(key);
            String type = source.type(k);
            String targetType = target.type(k);
            if (!type.equals(targetType)) {
                diffs.add("db" + db + " " + text(key) + ": type " + type + " vs " + targetType);
                return;
            }
            if (!value(source, type, k).equals(value(target, type, k))) {
                diffs.add("db" + db + " " + text(key) + ": " + type + " values differ");
            }
            Expiry sourceExpiry = Expiry.of(source, k);
            Expiry targetExpiry = Expiry.of(target, k);
            if (!targetExpiry.within(sourceExpiry, EXPIRY_TOLERANCE_MS, EXPIRY_TOLERANCE_MS + heldBySourceMs)) {
                diffs.add("db" + db + " " + text(key) + ": ttl " + sourceExpiry.ttlMs() + " vs " + targetExpiry.ttlMs()
                        + " read " + (targetExpiry.beforeMs() - sourceExpiry.beforeMs()) + " ms apart");
            }
        });
        for (ByteBuffer key : targetKeys.keySet()) {
            if (!sourceKeys.containsKey(key)) {
                diffs.add("db" + db + " " + text(key) + ": only on target");
            }
        }
    }

    /**
     * A key's {@code PTTL} ({@code -1}: no expiry) and the clock before and after reading it: the key expires
     * between {@code beforeMs + ttlMs} and {@code afterMs + ttlMs}.
     */
    private record Expiry(long ttlMs, long beforeMs, long afterMs) {
        static Expiry of(Jedis server, byte[] key) {
            long before = System.currentTimeMillis();
            long ttl = server.pttl(key);
            return new Expiry(ttl, before, System.currentTimeMillis());
        }

        /** Whether this expiry can be at most {@code earlyMs} before and {@code lateMs} after the other's. */
        boolean within(Expiry other, long earlyMs, long lateMs) {
            if (ttlMs < 0 || other.ttlMs < 0) {
                return ttlMs < 0 && other.ttlMs < 0;
            }
            long latestGap = afterMs + ttlMs - (other.beforeMs + other.ttlMs);
            long earliestGap = beforeMs + ttlMs - (other.afterMs + other.ttlMs);
            return latestGap >= -earlyMs && earliestGap <= lateMs;
        }
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
