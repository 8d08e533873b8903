package dev.redismigrate.redisio.verify;

import dev.redismigrate.core.verify.KeyText;
import dev.redismigrate.redisio.ServerVersion;
import dev.redismigrate.redisio.verify.RedisSide.Cmd;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import redis.clients.jedis.Protocol.Command;

/**
 * Values too big to read in one command, compared piece by piece so memory stays bounded whatever their size: strings
 * by byte ranges, lists by index ranges (several ranges pipelined, both sides at once), streams by id ranges, hashes,
 * sets and sorted sets by scanning the source and looking each page up on the target in one command ({@code HMGET},
 * {@code SMISMEMBER}, {@code ZMSCORE}; before 6.2 one pipelined {@code SISMEMBER} or {@code ZSCORE} per element) while
 * the source scans the next page. The caller has already found both sizes equal, so every source element present and
 * equal on the target means the values are equal. Each command counts as one key against the rate ({@link Throttle}):
 * a big value is paced by the commands it takes.
 */
final class ChunkedValues {
    static final int STRING_BYTES = 1 << 20;
    /** A chunk holds about this many bytes of elements, its element count adapted to the sizes the last chunk showed. */
    static final long CHUNK_BYTES = 1 << 20;
    /** The first chunk of a value is no bigger than a value read whole; later ones hold at most this many elements. */
    static final int MAX_ELEMENTS = 8192;
    /** Index ranges of a list read in one round trip from each side. */
    static final int LIST_RANGES_AHEAD = 4;

    private final BothSides sides;
    private final RedisSide source;
    private final RedisSide target;
    private Boolean targetHasMultiLookups;

    ChunkedValues(BothSides sides) {
        this.sides = sides;
        this.source = sides.source();
        this.target = sides.target();
    }

    /** What differs, or null when equal; throws {@link KeyChangedException} when the key changed type meanwhile. */
    String compare(int db, ValueType type, byte[] key, long size) {
        return switch (type) {
            case STRING -> compareString(db, key, size);
            case LIST -> compareList(db, key, size);
            case HASH -> compareHash(key);
            case SET -> compareSet(key);
            case ZSET -> compareZset(key);
            case STREAM -> compareStream(db, key);
        };
    }

    private String compareString(int db, byte[] key, long length) {
        for (long from = 0; from < length; from += STRING_BYTES) {
            Cmd range = new Cmd(Command.GETRANGE, key, number(from), number(from + STRING_BYTES - 1));
            BothSides.SideReplies read = readBoth(db, List.of(range));
            if (!Arrays.equals((byte[]) source.valueOf(read.source().get(0)), (byte[]) target.valueOf(read.target().get(0)))) {
                return "string differs in bytes " + from + ".." + (Math.min(length, from + STRING_BYTES) - 1);
            }
        }
        return null;
    }

    private String compareList(int db, byte[] key, long size) {
        int elements = (int) KeyComparer.WHOLE_ELEMENTS;
        long from = 0;
        while (from < size) {
            List<Cmd> ranges = new ArrayList<>(LIST_RANGES_AHEAD);
            for (long start = from; ranges.size() < LIST_RANGES_AHEAD && start < size; start += elements) {
                ranges.add(new Cmd(Command.LRANGE, key, number(start), number(start + elements - 1)));
            }
            BothSides.SideReplies read = readBoth(db, ranges);
            long bytes = 0;
            for (int r = 0; r < ranges.size(); r++, from += elements) {
                List<Object> s = Replies.list(source.valueOf(read.source().get(r)));
                List<Object> t = Replies.list(target.valueOf(read.target().get(r)));
                for (int i = 0; i < Math.max(s.size(), t.size()); i++) {
                    if (i >= s.size() || i >= t.size() || !Replies.same(s.get(i), t.get(i))) {
                        return "list element " + (from + i) + " differs";
                    }
                }
                bytes += bytesOf(s);
            }
            elements = nextCount(ranges.size() * elements, bytes);
        }
        return null;
    }

    private String compareHash(byte[] key) {
        return compareScanned(new Scan(Command.HSCAN, key),
                flat -> Replies.list(read(target, new Cmd(Command.HMGET, withKey(key, flat, 2)))), (flat, values) -> {
                    for (int i = 0; i < flat.size(); i += 2) {
                        byte[] other = (byte[]) values.get(i / 2);
                        if (other == null) {
                            return "hash field \"" + KeyText.printable((byte[]) flat.get(i)) + "\" missing on target";
                        }
                        if (!Arrays.equals((byte[]) flat.get(i + 1), other)) {
                            return "hash field \"" + KeyText.printable((byte[]) flat.get(i)) + "\" differs";
                        }
                    }
                    return null;
                });
    }

    private String compareSet(byte[] key) {
        return compareScanned(new Scan(Command.SSCAN, key),
                members -> lookUp(Command.SMISMEMBER, Command.SISMEMBER, key, members, 1), (members, found) -> {
                    for (int i = 0; i < members.size(); i++) {
                        if (Replies.number(found.get(i)) == 0) {
                            return "set member \"" + KeyText.printable((byte[]) members.get(i)) + "\" missing on target";
                        }
                    }
                    return null;
                });
    }

    private String compareZset(byte[] key) {
        return compareScanned(new Scan(Command.ZSCAN, key),
                flat -> lookUp(Command.ZMSCORE, Command.ZSCORE, key, flat, 2), (flat, scores) -> {
                    for (int i = 0; i < flat.size(); i += 2) {
                        Object score = scores.get(i / 2);
                        String differs = WholeValues.compareScore(ByteBuffer.wrap((byte[]) flat.get(i)),
                                Replies.score(flat.get(i + 1)), score == null ? null : Replies.score(score));
                        if (differs != null) {
                            return differs;
                        }
                    }
                    return null;
                });
    }

    /**
     * Each page of the source's scan looked up on the target (on the target's thread) while the source already scans
     * the next, so the two round trips overlap; at most two pages are held, the one looked up and the next. A page is
     * checked before a failure of the next page's scan is thrown, so the outcome is the one of one page after another.
     *
     * @param lookUp the target's reply per element of a non-empty page
     * @param check what differs between a page and its lookup, or null
     */
    private String compareScanned(Scan scan, UnaryOperator<List<Object>> lookUp,
            BiFunction<List<Object>, List<Object>, String> check) {
        List<Object> page = scan.next();
        while (true) {
            List<Object> looked = page;
            Future<List<Object>> found = sides.onTarget(() -> looked.isEmpty() ? List.of() : lookUp.apply(looked));
            List<Object> next = null;
            RuntimeException scanFailed = null;
            try {
                next = scan.hasMore() ? scan.next() : null;
            } catch (RuntimeException e) {
                scanFailed = e;
            }
            String differs = check.apply(page, BothSides.await(found));
            if (differs != null) {
                return differs;
            }
            if (scanFailed != null) {
                throw scanFailed;
            }
            if (next == null) {
                return null;
            }
            page = next;
        }
    }

    private String compareStream(int db, byte[] key) {
        String start = "-";
        int elements = (int) KeyComparer.WHOLE_ELEMENTS;
        while (true) {
            Cmd range = new Cmd(Command.XRANGE, key, Replies.bytes(start), Replies.bytes("+"),
                    Replies.bytes("COUNT"), number(elements));
            BothSides.SideReplies read = readBoth(db, List.of(range));
            List<Object> s = Replies.list(source.valueOf(read.source().get(0)));
            List<Object> t = Replies.list(target.valueOf(read.target().get(0)));
            String differs = WholeValues.compareEntries(s, t);
            if (differs != null || s.size() < elements) {
                return differs;
            }
            start = nextId(Replies.text(Replies.list(s.get(s.size() - 1)).get(0)));
            elements = nextCount(elements, bytesOf(s));
        }
    }

    /** The smallest id after {@code id}: the exclusive range {@code (id} only exists from 6.2 on. */
    static String nextId(String id) {
        int dash = id.indexOf('-');
        long ms = Long.parseUnsignedLong(id.substring(0, dash));
        long seq = Long.parseUnsignedLong(id.substring(dash + 1));
        return seq == -1L ? Long.toUnsignedString(ms + 1) + "-0" : Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq + 1);
    }

    /**
     * The elements of one scanned page ({@code stride} items each: member, or field/member and value/score) looked up
     * on the target, one reply per element: in one command from 6.2 on, else one command per element, pipelined.
     */
    private List<Object> lookUp(Command many, Command one, byte[] key, List<Object> page, int stride) {
        if (targetHasMultiLookups == null) {
            ServerVersion version = ServerVersion.parse(target.info("server"));
            targetHasMultiLookups = version.major() > 6 || version.major() == 6 && version.minor() >= 2;
        }
        if (targetHasMultiLookups) {
            return Replies.list(read(target, new Cmd(many, withKey(key, page, stride))));
        }
        List<Cmd> lookups = new ArrayList<>(page.size() / stride);
        for (int i = 0; i < page.size(); i += stride) {
            lookups.add(new Cmd(one, key, (byte[]) page.get(i)));
        }
        target.pace(lookups.size());
        List<Object> replies = new ArrayList<>(lookups.size());
        for (Object reply : target.pipeline(lookups)) {
            replies.add(target.valueOf(reply));
        }
        return replies;
    }

    /** The source's pages of one key, each asking for about {@link #CHUNK_BYTES} by the size of the page before. */
    private final class Scan {
        private final Command command;
        private final byte[] key;
        private byte[] cursor;
        private int elements = (int) KeyComparer.WHOLE_ELEMENTS;

        Scan(Command command, byte[] key) {
            this.command = command;
            this.key = key;
        }

        boolean hasMore() {
            return cursor == null || !isZero(cursor);
        }

        /** The next page, flat as the scan replies it; may be empty. */
        List<Object> next() {
            byte[] from = cursor == null ? Replies.bytes("0") : cursor;
            List<Object> page = Replies.list(read(source, new Cmd(command, key, from, Replies.bytes("COUNT"), number(elements))));
            cursor = (byte[]) page.get(0);
            List<Object> items = Replies.list(page.get(1));
            if (!items.isEmpty()) {
                int stride = command == Command.SSCAN ? 1 : 2;
                elements = nextCount(items.size() / stride, bytesOf(items));
            }
            return items;
        }
    }

    /** The element count of the next chunk: about {@link #CHUNK_BYTES} at the last chunk's bytes per element. */
    static int nextCount(int elements, long bytes) {
        long perElement = Math.max(1, bytes / Math.max(1, elements));
        return (int) Math.max(1, Math.min(MAX_ELEMENTS, CHUNK_BYTES / perElement));
    }

    /** The bytes of a reply's bulk strings, nested ones included. */
    private static long bytesOf(List<Object> reply) {
        long bytes = 0;
        for (Object item : reply) {
            bytes += item instanceof byte[] b ? b.length : item instanceof List<?> l ? bytesOf(Replies.list(l)) : 8;
        }
        return bytes;
    }

    /** The key, then every {@code stride}-th item of a page from the first: the fields or members of a page. */
    private static byte[][] withKey(byte[] key, List<Object> page, int stride) {
        byte[][] args = new byte[page.size() / stride + 1][];
        args[0] = key;
        for (int i = 0; i < page.size(); i += stride) {
            args[i / stride + 1] = (byte[]) page.get(i);
        }
        return args;
    }

    private BothSides.SideReplies readBoth(int db, List<Cmd> commands) {
        sides.pace(commands.size());
        return sides.pipeline(db, commands);
    }

    private static Object read(RedisSide side, Cmd cmd) {
        side.pace(1);
        return side.valueOf(side.pipeline(List.of(cmd)).get(0));
    }

    private static boolean isZero(byte[] cursor) {
        return cursor.length == 1 && cursor[0] == '0';
    }

    private static byte[] number(long n) {
        return Replies.bytes(Long.toString(n));
    }
}
