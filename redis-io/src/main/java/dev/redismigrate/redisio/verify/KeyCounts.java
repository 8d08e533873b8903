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
 * The ignored keys the caller names (the task's checkpoint) are looked up one by one with PTTL, so a count costs a few
 * commands whatever the size. Other keys under the ignored prefix can only be found by {@code SCAN MATCH prefix*},
 * which walks the whole database: that search is made only for a database whose counts disagree (where such a key
 * could be the reason), once per side and database.
 */
final class KeyCounts {
    private static final Pattern KEYSPACE_LINE = Pattern.compile("^db(\\d+):keys=(\\d+),expires=(\\d+)", Pattern.MULTILINE);
    private static final int SCAN_COUNT = 1000;
    private static final DbKeyCount NONE = new DbKeyCount(0, 0);

    private final byte[] ignoredPrefix;
    private final List<byte[]> knownIgnored;
    /** What a search found, by side and database; it replaces the lookup of the known keys there. */
    private final Map<String, DbKeyCount> searched = new HashMap<>();

    /**
     * @param ignoredPrefix null = nothing ignored
     * @param knownIgnored keys under the prefix that may exist, looked up by name
     */
    KeyCounts(byte[] ignoredPrefix, List<byte[]> knownIgnored) {
        this.ignoredPrefix = ignoredPrefix;
        this.knownIgnored = knownIgnored;
    }

    /** Every database holding keys on this side, ignored keys left out (those known, and those searched for). */
    Map<Integer, DbKeyCount> read(RedisSide side) {
        Map<Integer, DbKeyCount> counts = new TreeMap<>();
        side.keyspace().forEach((db, count) -> {
            DbKeyCount skip = ignoredPrefix == null ? NONE : searched.getOrDefault(side.role() + db, known(side, db));
            counts.put(db, new DbKeyCount(count.keys() - skip.keys(), count.expires() - skip.expires()));
        });
        return counts;
    }

    /**
     * Searches one database of one side for every ignored key, unless done before in this verification.
     *
     * @return whether it searched now (the counts then need reading again)
     */
    boolean search(RedisSide side, int db) {
        if (ignoredPrefix == null || searched.containsKey(side.role() + db)) {
            return false;
        }
        searched.put(side.role() + db, searchIgnored(side, db));
        return true;
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
     * Keys without a TTL must match: they leave a database only when deleted, so a gap is a key lost or left over. The
     * target is read just before and just after the source: on a live source a count within those two readings is the
     * replication catching up, not a difference (for a still dataset both readings are the same and the count must be
     * equal).
     *
     * <p>Keys with a TTL are not compared by count. Each side is a master that expires keys on its own schedule (the
     * active expiry cycle, or lazily when a key is touched), and INFO keyspace still counts a key whose TTL has passed
     * until it is reclaimed; while many keys expire the two totals differ by thousands for minutes, with nothing lost,
     * and no reading or waiting tells such a gap from lost keys. Those keys are left to the comparison key by key (the
     * sample draws from both sides in proportion to each database's size, and {@code full} looks at every key), which
     * sees a key expired on one side as expired, compares TTLs with a tolerance, and finds a key with a TTL missing on
     * a side as {@code MISSING_ON_TARGET} or {@code MISSING_ON_SOURCE}.
     */
    static Difference compare(int db, DbKeyCount source, DbKeyCount targetBefore, DbKeyCount targetAfter) {
        DbKeyCount s = orZero(source);
        DbKeyCount before = orZero(targetBefore);
        DbKeyCount t = orZero(targetAfter);
        if (!between(s.persistent(), before.persistent(), t.persistent())) {
            return new Difference(db, null, DifferenceKind.COUNT, "keys without TTL: source " + s.persistent()
                    + ", target " + t.persistent() + " (all keys: source " + s.keys() + ", target " + t.keys() + ")");
        }
        return null;
    }

    private static boolean between(long value, long a, long b) {
        return Math.min(a, b) <= value && value <= Math.max(a, b);
    }

    private static DbKeyCount orZero(DbKeyCount count) {
        return count == null ? new DbKeyCount(0, 0) : count;
    }

    private DbKeyCount known(RedisSide side, int db) {
        if (knownIgnored.isEmpty()) {
            return NONE;
        }
        side.select(db);
        List<Cmd> ttls = new ArrayList<>(knownIgnored.size());
        for (byte[] key : knownIgnored) {
            ttls.add(new Cmd(Command.PTTL, key));
        }
        return tally(side, side.pipeline(ttls));
    }

    private DbKeyCount searchIgnored(RedisSide side, int db) {
        side.select(db);
        byte[] cursor = Replies.bytes("0");
        long keys = 0;
        long expires = 0;
        do {
            List<Object> page = side.scan(cursor, Replies.bytes("MATCH"), globPrefix(ignoredPrefix),
                    Replies.bytes("COUNT"), Replies.bytes(Integer.toString(SCAN_COUNT)));
            cursor = (byte[]) page.get(0);
            List<Cmd> ttls = new ArrayList<>();
            for (Object key : Replies.list(page.get(1))) {
                ttls.add(new Cmd(Command.PTTL, (byte[]) key));
            }
            DbKeyCount found = tally(side, side.pipeline(ttls));
            keys += found.keys();
            expires += found.expires();
        } while (!(cursor.length == 1 && cursor[0] == '0'));
        return new DbKeyCount(keys, expires);
    }

    /** The keys that exist, and those of them with a TTL, from their PTTL replies (-2: no such key). */
    private static DbKeyCount tally(RedisSide side, List<Object> ttls) {
        long keys = 0;
        long expires = 0;
        for (Object ttl : ttls) {
            long millis = Replies.number(side.valueOf(ttl));
            keys += millis == -2 ? 0 : 1;
            expires += millis >= 0 ? 1 : 0;
        }
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
