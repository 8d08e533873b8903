package dev.redismigrate.redisio.verify;

import dev.redismigrate.core.verify.KeyText;
import dev.redismigrate.redisio.verify.RedisSide.Cmd;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import redis.clients.jedis.Protocol.Command;

/**
 * What a stream holds besides its entries: the last generated id (new XADD * ids continue from it) and its consumer
 * groups (name, consumers, pending count, last delivered id). Fields that only newer versions report (entries-read,
 * lag) are left out so a 5.0 source compares equal to a 7.x target.
 */
final class StreamMetadata {
    private static final List<String> GROUP_FIELDS = List.of("consumers", "pending", "last-delivered-id");

    private StreamMetadata() {
    }

    static List<Cmd> read(byte[] key) {
        return List.of(new Cmd(Command.XINFO, Replies.bytes("STREAM"), key),
                new Cmd(Command.XINFO, Replies.bytes("GROUPS"), key));
    }

    static String compare(Object sourceStream, Object targetStream, Object sourceGroups, Object targetGroups) {
        Object sourceLast = fields(sourceStream).get("last-generated-id");
        Object targetLast = fields(targetStream).get("last-generated-id");
        if (!Replies.same(sourceLast, targetLast)) {
            return "stream last generated id " + Replies.text(sourceLast) + " on source, " + Replies.text(targetLast)
                    + " on target";
        }
        Map<String, String> source = groups(sourceGroups);
        Map<String, String> target = groups(targetGroups);
        for (Map.Entry<String, String> group : source.entrySet()) {
            String other = target.get(group.getKey());
            if (other == null) {
                return "stream group \"" + group.getKey() + "\" missing on target";
            }
            if (!other.equals(group.getValue())) {
                return "stream group \"" + group.getKey() + "\": " + group.getValue() + " on source, " + other + " on target";
            }
        }
        for (String name : target.keySet()) {
            if (!source.containsKey(name)) {
                return "stream group \"" + name + "\" extra on target";
            }
        }
        return null;
    }

    /** Group name -> "consumers=1 pending=2 last-delivered-id=3-0". */
    private static Map<String, String> groups(Object reply) {
        Map<String, String> groups = new TreeMap<>();
        for (Object group : Replies.list(reply)) {
            Map<String, Object> fields = fields(group);
            StringBuilder description = new StringBuilder();
            for (String field : GROUP_FIELDS) {
                Object value = fields.get(field);
                description.append(description.isEmpty() ? "" : " ").append(field).append('=')
                        .append(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value);
            }
            groups.put(KeyText.printable((byte[]) fields.get("name")), description.toString());
        }
        return groups;
    }

    private static Map<String, Object> fields(Object reply) {
        List<Object> flat = Replies.list(reply);
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(Replies.text(flat.get(i)), flat.get(i + 1));
        }
        return map;
    }
}
