package dev.redismigrate.redisio.verify;

import dev.redismigrate.core.verify.KeyText;
import dev.redismigrate.redisio.verify.RedisSide.Cmd;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import redis.clients.jedis.Protocol.Command;

/**
 * Values too big to read in one command, compared piece by piece so memory stays bounded whatever their size: strings
 * by byte ranges, lists by index ranges, streams by id ranges, hashes, sets and sorted sets by scanning the source and
 * looking each element up on the target. The caller has already found both sizes equal, so every source element
 * present and equal on the target means the values are equal. Each command counts as one key against the rate
 * ({@link Throttle}): a big value is paced by the commands it takes.
 */
final class ChunkedValues {
    static final int ELEMENTS = 256;
    static final int STRING_BYTES = 1 << 20;

    private final RedisSide source;
    private final RedisSide target;

    ChunkedValues(RedisSide source, RedisSide target) {
        this.source = source;
        this.target = target;
    }

    /** What differs, or null when equal; throws {@link KeyChangedException} when the key changed type meanwhile. */
    String compare(ValueType type, byte[] key, long size) {
        return switch (type) {
            case STRING -> compareString(key, size);
            case LIST -> compareList(key, size);
            case HASH -> compareHash(key);
            case SET -> compareSet(key);
            case ZSET -> compareZset(key);
            case STREAM -> compareStream(key);
        };
    }

    private String compareString(byte[] key, long length) {
        for (long from = 0; from < length; from += STRING_BYTES) {
            Cmd range = new Cmd(Command.GETRANGE, key, number(from), number(from + STRING_BYTES - 1));
            if (!Arrays.equals((byte[]) read(source, range), (byte[]) read(target, range))) {
                return "string differs in bytes " + from + ".." + (Math.min(length, from + STRING_BYTES) - 1);
            }
        }
        return null;
    }

    private String compareList(byte[] key, long size) {
        for (long from = 0; from < size; from += ELEMENTS) {
            Cmd range = new Cmd(Command.LRANGE, key, number(from), number(from + ELEMENTS - 1));
            List<Object> s = Replies.list(read(source, range));
            List<Object> t = Replies.list(read(target, range));
            for (int i = 0; i < Math.max(s.size(), t.size()); i++) {
                if (i >= s.size() || i >= t.size() || !Replies.same(s.get(i), t.get(i))) {
                    return "list element " + (from + i) + " differs";
                }
            }
        }
        return null;
    }

    private String compareHash(byte[] key) {
        byte[] cursor = Replies.bytes("0");
        do {
            List<Object> page = Replies.list(read(source, scan(Command.HSCAN, key, cursor)));
            cursor = (byte[]) page.get(0);
            List<Object> flat = Replies.list(page.get(1));
            if (flat.isEmpty()) {
                continue;
            }
            byte[][] args = new byte[flat.size() / 2 + 1][];
            args[0] = key;
            for (int i = 0; i < flat.size(); i += 2) {
                args[i / 2 + 1] = (byte[]) flat.get(i);
            }
            List<Object> values = Replies.list(read(target, new Cmd(Command.HMGET, args)));
            for (int i = 0; i < flat.size(); i += 2) {
                byte[] other = (byte[]) values.get(i / 2);
                if (other == null) {
                    return "hash field \"" + KeyText.printable((byte[]) flat.get(i)) + "\" missing on target";
                }
                if (!Arrays.equals((byte[]) flat.get(i + 1), other)) {
                    return "hash field \"" + KeyText.printable((byte[]) flat.get(i)) + "\" differs";
                }
            }
        } while (!isZero(cursor));
        return null;
    }

    private String compareSet(byte[] key) {
        byte[] cursor = Replies.bytes("0");
        do {
            List<Object> page = Replies.list(read(source, scan(Command.SSCAN, key, cursor)));
            cursor = (byte[]) page.get(0);
            List<Object> members = Replies.list(page.get(1));
            List<Cmd> lookups = new ArrayList<>(members.size());
            for (Object member : members) {
                lookups.add(new Cmd(Command.SISMEMBER, key, (byte[]) member));
            }
            List<Object> found = lookUp(lookups);
            for (int i = 0; i < members.size(); i++) {
                if (Replies.number(target.valueOf(found.get(i))) == 0) {
                    return "set member \"" + KeyText.printable((byte[]) members.get(i)) + "\" missing on target";
                }
            }
        } while (!isZero(cursor));
        return null;
    }

    private String compareZset(byte[] key) {
        byte[] cursor = Replies.bytes("0");
        do {
            List<Object> page = Replies.list(read(source, scan(Command.ZSCAN, key, cursor)));
            cursor = (byte[]) page.get(0);
            List<Object> flat = Replies.list(page.get(1));
            List<Cmd> lookups = new ArrayList<>(flat.size() / 2);
            for (int i = 0; i < flat.size(); i += 2) {
                lookups.add(new Cmd(Command.ZSCORE, key, (byte[]) flat.get(i)));
            }
            List<Object> scores = lookUp(lookups);
            for (int i = 0; i < flat.size(); i += 2) {
                Object score = target.valueOf(scores.get(i / 2));
                String differs = WholeValues.compareScore(ByteBuffer.wrap((byte[]) flat.get(i)),
                        Replies.score(flat.get(i + 1)), score == null ? null : Replies.score(score));
                if (differs != null) {
                    return differs;
                }
            }
        } while (!isZero(cursor));
        return null;
    }

    private String compareStream(byte[] key) {
        String start = "-";
        while (true) {
            Cmd range = new Cmd(Command.XRANGE, key, Replies.bytes(start), Replies.bytes("+"),
                    Replies.bytes("COUNT"), number(ELEMENTS));
            List<Object> s = Replies.list(read(source, range));
            List<Object> t = Replies.list(read(target, range));
            String differs = WholeValues.compareEntries(s, t);
            if (differs != null || s.size() < ELEMENTS) {
                return differs;
            }
            start = nextId(Replies.text(Replies.list(s.get(s.size() - 1)).get(0)));
        }
    }

    /** The smallest id after {@code id}: the exclusive range {@code (id} only exists from 6.2 on. */
    static String nextId(String id) {
        int dash = id.indexOf('-');
        long ms = Long.parseUnsignedLong(id.substring(0, dash));
        long seq = Long.parseUnsignedLong(id.substring(dash + 1));
        return seq == -1L ? Long.toUnsignedString(ms + 1) + "-0" : Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq + 1);
    }

    private static Object read(RedisSide side, Cmd cmd) {
        side.pace(1);
        return side.valueOf(side.pipeline(List.of(cmd)).get(0));
    }

    private List<Object> lookUp(List<Cmd> lookups) {
        target.pace(lookups.size());
        return target.pipeline(lookups);
    }

    private static Cmd scan(Command command, byte[] key, byte[] cursor) {
        return new Cmd(command, key, cursor, Replies.bytes("COUNT"), number(ELEMENTS));
    }

    private static boolean isZero(byte[] cursor) {
        return cursor.length == 1 && cursor[0] == '0';
    }

    private static byte[] number(long n) {
        return Replies.bytes(Long.toString(n));
    }
}
