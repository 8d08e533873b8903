package dev.redismigrate.redisio.verify;

import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.verify.Difference;
import dev.redismigrate.core.verify.DifferenceKind;
import dev.redismigrate.redisio.verify.RedisSide.Cmd;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.Protocol.Command;

/**
 * Per-database key counts from INFO keyspace (one command whatever the size), minus the keys the verification ignores.
 * Those are found once per side and database with {@code SCAN MATCH prefix*}, which walks the whole keyspace in small
 * steps: the only part of a count that grows with the database.
 */
final class KeyCounts {
    private static final Pattern KEYSPACE_LINE = Pattern.compile("^db(\\d+):keys=(\\d+),expires=(\\d+)", Pattern.MULTILINE);
    private static final int SCAN_COUNT = 1000;

    private final byte[] ignoredPrefix;
    private final Map<String, DbKeyCount> ignored = new HashMap<>();

    /** @param ignoredPrefix null = nothing ignored */
    KeyCounts(byte[] ignoredPrefix) {
        this.ignoredPrefix = ignoredPrefix;
    }

    /** Every database holding keys on this side, ignored keys left out. */
    Map<Integer, DbKeyCount> read(RedisSide side) {
        Map<Integer, DbKeyCount> counts = new TreeMap<>();
        parse(side.info("keyspace")).forEach((db, count) -> {
            DbKeyCount skip = ignoredPrefix == null ? new DbKeyCount(0, 0) : ignored(side, db);
            counts.put(db, new DbKeyCount(count.keys() - skip.keys(), count.expires() - skip.expires()));
        });
        return counts;
    }

    static Map<Integer, DbKeyCount> parse(String info) {
        Map<Integer, DbKeyCount> counts = new TreeMap<>();
        Matcher line = KEYSPACE_LINE.matcher(info);
        while (line.find()) {
            counts.put(Integer.parseInt(line.group(1)),
                    new DbKeyCount(Long.parseLong(line.group(2)), Long.parseLong(line.group(3))));
        }
        return counts;
    }

    /**
     * Keys without a TTL must match exactly. All keys must match too, but keys with a TTL may expire a moment apart on
     * the two sides. The target is read just before and just after the source: on a live source a count within those
     * two readings is the replication catching up, not a difference (for a still dataset both readings are the same
     * and the count must be equal).
     */
    static Difference compare(int db, DbKeyCount source, DbKeyCount targetBefore, DbKeyCount targetAfter) {
        DbKeyCount s = orZero(source);
        DbKeyCount before = orZero(targetBefore);
        DbKeyCount t = orZero(targetAfter);
        if (!between(s.persistent(), before.persistent(), t.persistent())) {
            return new Difference(db, null, DifferenceKind.COUNT, "keys without TTL: source " + s.persistent()
                    + ", target " + t.persistent() + " (all keys: source " + s.keys() + ", target " + t.keys() + ")");
        }
        if (!between(s.keys(), before.keys(), t.keys())) {
            return new Difference(db, null, DifferenceKind.COUNT, "keys: source " + s.keys() + ", target " + t.keys()
                    + " (keys without TTL: source " + s.persistent() + ", target " + t.persistent() + ")");
        }
        return null;
    }

    private static boolean between(long value, long a, long b) {
        return Math.min(a, b) <= value && value <= Math.max(a, b);
    }

    private static DbKeyCount orZero(DbKeyCount count) {
        return count == null ? new DbKeyCount(0, 0) : count;
    }

    private DbKeyCount ignored(RedisSide side, int db) {
        return ignored.computeIfAbsent(side.role() + db, k -> countIgnored(side, db));
    }

    private DbKeyCount countIgnored(RedisSide side, int db) {
        side.select(db);
        byte[] cursor = Replies.bytes("0");
        long keys = 0;
        long expires = 0;
        do {
            List<Object> page = Replies.list(side.call(Command.SCAN, cursor, Replies.bytes("MATCH"), globPrefix(ignoredPrefix),
                    Replies.bytes("COUNT"), Replies.bytes(Integer.toString(SCAN_COUNT))));
            cursor = (byte[]) page.get(0);
            List<Cmd> ttls = new ArrayList<>();
            for (Object key : Replies.list(page.get(1))) {
                ttls.add(new Cmd(Command.PTTL, (byte[]) key));
            }
            for (Object ttl : side.pipeline(ttls)) {
                long millis = Replies.number(side.valueOf(ttl));
                keys += millis == -2 ? 0 : 1;
                expires += millis >= 0 ? 1 : 0;
            }
        } while (!(cursor.length == 1 && cursor[0] == '0'));
        return new DbKeyCount(keys, expires);
    }

    /** {@code prefix*} with the glob characters of the prefix escaped. */
    static byte[] globPrefix(byte[] prefix) {
        byte[] out = new byte[prefix.length * 2 + 1];
        int n = 0;
        for (byte b : prefix) {
            if (b == '*' || b == '?' || b == '[' || b == ']' || b == '\\') {
                out[n++] = '\\';
            }
            out[n++] = b;
        }
        out[n++] = '*';
        return Arrays.copyOf(out, n);
    }
}
