package dev.redismigrate.redisio.verify;

import dev.redismigrate.core.verify.KeyText;
import dev.redismigrate.redisio.verify.RedisSide.Cmd;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.Protocol.Command;

/**
 * Values small enough to read in one command (see {@link KeyComparer}): the command that reads one, and the comparison
 * of the two replies, which returns what differs in a few words, or null when equal.
 */
final class WholeValues {
    private WholeValues() {
    }

    static Cmd read(ValueType type, byte[] key) {
        return switch (type) {
            case STRING -> new Cmd(Command.GET, key);
            case LIST -> new Cmd(Command.LRANGE, key, Replies.bytes("0"), Replies.bytes("-1"));
            case HASH -> new Cmd(Command.HGETALL, key);
            case SET -> new Cmd(Command.SMEMBERS, key);
            case ZSET -> new Cmd(Command.ZRANGE, key, Replies.bytes("0"), Replies.bytes("-1"), Replies.bytes("WITHSCORES"));
            case STREAM -> new Cmd(Command.XRANGE, key, Replies.bytes("-"), Replies.bytes("+"));
        };
    }

    static String compare(ValueType type, Object source, Object target) {
        return switch (type) {
            case STRING -> Arrays.equals((byte[]) source, (byte[]) target) ? null : "string differs";
            case LIST -> compareList(Replies.list(source), Replies.list(target));
            case HASH -> compareHash(pairs(source), pairs(target));
            case SET -> compareSet(members(source), members(target));
            case ZSET -> compareZset(scores(source), scores(target));
            case STREAM -> compareEntries(Replies.list(source), Replies.list(target));
        };
    }

    static String compareList(List<Object> source, List<Object> target) {
        for (int i = 0; i < Math.min(source.size(), target.size()); i++) {
            if (!Replies.same(source.get(i), target.get(i))) {
                return "list element " + i + " differs";
            }
        }
        return source.size() == target.size() ? null
                : "list has " + source.size() + " elements on source, " + target.size() + " on target";
    }

    /** Stream entries in id order: [[id, [field, value, ...]], ...]. */
    static String compareEntries(List<Object> source, List<Object> target) {
        for (int i = 0; i < Math.min(source.size(), target.size()); i++) {
            List<Object> s = Replies.list(source.get(i));
            List<Object> t = Replies.list(target.get(i));
            if (!Replies.same(s.get(0), t.get(0))) {
                return "stream entry " + Replies.text(s.get(0)) + " on source, " + Replies.text(t.get(0)) + " on target";
            }
            if (!Replies.same(s.get(1), t.get(1))) {
                return "stream entry " + Replies.text(s.get(0)) + " differs";
            }
        }
        return source.size() == target.size() ? null
                : "stream has " + source.size() + " entries on source, " + target.size() + " on target";
    }

    private static String compareHash(Map<ByteBuffer, byte[]> source, Map<ByteBuffer, byte[]> target) {
        for (Map.Entry<ByteBuffer, byte[]> field : source.entrySet()) {
            byte[] other = target.get(field.getKey());
            if (other == null) {
                return "hash field \"" + printable(field.getKey()) + "\" missing on target";
            }
            if (!Arrays.equals(field.getValue(), other)) {
                return "hash field \"" + printable(field.getKey()) + "\" differs";
            }
        }
        return extra("hash field", source.keySet(), target.keySet());
    }

    private static String compareSet(Set<ByteBuffer> source, Set<ByteBuffer> target) {
        for (ByteBuffer member : source) {
            if (!target.contains(member)) {
                return "set member \"" + printable(member) + "\" missing on target";
            }
        }
        return extra("set member", source, target);
    }

    private static String compareZset(Map<ByteBuffer, Double> source, Map<ByteBuffer, Double> target) {
        for (Map.Entry<ByteBuffer, Double> member : source.entrySet()) {
            String differs = compareScore(member.getKey(), member.getValue(), target.get(member.getKey()));
            if (differs != null) {
                return differs;
            }
        }
        return extra("zset member", source.keySet(), target.keySet());
    }

    /** Scores compare as numbers: versions print the same double differently. */
    static String compareScore(ByteBuffer member, double source, Double target) {
        if (target == null) {
            return "zset member \"" + printable(member) + "\" missing on target";
        }
        if (source != target) {
            return "zset member \"" + printable(member) + "\" has score " + source + " on source, " + target + " on target";
        }
        return null;
    }

    private static String extra(String what, Set<ByteBuffer> source, Set<ByteBuffer> target) {
        for (ByteBuffer element : target) {
            if (!source.contains(element)) {
                return what + " \"" + printable(element) + "\" extra on target";
            }
        }
        return null;
    }

    private static Map<ByteBuffer, byte[]> pairs(Object reply) {
        List<Object> flat = Replies.list(reply);
        Map<ByteBuffer, byte[]> map = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(ByteBuffer.wrap((byte[]) flat.get(i)), (byte[]) flat.get(i + 1));
        }
        return map;
    }

    private static Set<ByteBuffer> members(Object reply) {
        Set<ByteBuffer> set = new HashSet<>();
        for (Object member : Replies.list(reply)) {
            set.add(ByteBuffer.wrap((byte[]) member));
        }
        return set;
    }

    private static Map<ByteBuffer, Double> scores(Object reply) {
        List<Object> flat = Replies.list(reply);
        Map<ByteBuffer, Double> map = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(ByteBuffer.wrap((byte[]) flat.get(i)), Replies.score(flat.get(i + 1)));
        }
        return map;
    }

    static String printable(ByteBuffer bytes) {
        return KeyText.printable(bytes.array());
    }
}
