package dev.redismigrate.redisio.verify;

import dev.redismigrate.core.verify.Difference;
import dev.redismigrate.core.verify.DifferenceKind;
import dev.redismigrate.core.verify.KeyText;
import dev.redismigrate.redisio.verify.RedisSide.Cmd;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;
import redis.clients.jedis.Protocol.Command;

/**
 * Compares a batch of keys of one database on both sides, fully: presence, type, TTL, then the value. The keys go
 * first through {@link PayloadFastPath} (TTL and DUMP payload); those it cannot call equal are compared step by step,
 * each step one pipelined round trip for the whole batch, to both sides at once (TYPE and PTTL; the size; the DUMP
 * payload of small values, unless the fast path tried it; the whole value of those whose payloads differ); only big
 * values are read piece by piece, one key at a time ({@link ChunkedValues}). A batch counts one key per key on each
 * side against the rate.
 */
final class KeyComparer {
    /** Up to this size a value is read in one command; beyond, in chunks. */
    static final long WHOLE_STRING_BYTES = 64 * 1024;
    static final long WHOLE_ELEMENTS = 128;
    /**
     * The small values of a batch are read in pipelines of about this many bytes, so that a batch of thousands of
     * keys holds a few MiB of values at a time, not thousands times 64 KiB. An element counts as
     * {@link #ELEMENT_BYTES_ESTIMATE}: small collections hold small elements (64 bytes at most by default).
     */
    static final long VALUE_READ_BYTES = 4L << 20;
    static final long ELEMENT_BYTES_ESTIMATE = 64;

    /** The keys that differ (with every difference of each), how many keys existed on a side, how many had a type we cannot read. */
    record Result(Map<KeyRef, List<Difference>> differences, int compared, int notComparable) {
    }

    private record Presence(String type, long ttlMillis) {
        boolean exists() {
            return type != null;
        }
    }

    private record Sized(KeyRef ref, ValueType type, long size) {
    }

    private final BothSides sides;
    private final RedisSide source;
    private final RedisSide target;
    private final long ttlToleranceMillis;
    private final ChunkedValues chunked;
    private final DumpPayloads payloads = new DumpPayloads();
    private final PayloadFastPath fastPath;

    KeyComparer(BothSides sides, long ttlToleranceMillis) {
        this.sides = sides;
        this.source = sides.source();
        this.target = sides.target();
        this.ttlToleranceMillis = ttlToleranceMillis;
        this.chunked = new ChunkedValues(sides);
        this.fastPath = new PayloadFastPath(sides, payloads, ttlToleranceMillis);
    }

    Result compare(int db, List<byte[]> keys) {
        sides.pace(keys.size());
        boolean payloadsTried = fastPath.usable();
        PayloadFastPath.Outcome fast = fastPath.compare(db, keys);
        Result full = compareStepByStep(db, fast.rest(), !payloadsTried);
        return new Result(full.differences(), full.compared() + fast.equal(), full.notComparable());
    }

    private Result compareStepByStep(int db, List<byte[]> keys, boolean tryPayloads) {
        if (keys.isEmpty()) {
            return new Result(new LinkedHashMap<>(), 0, 0);
        }
        List<Cmd> probe = new ArrayList<>(keys.size() * 2);
        for (byte[] key : keys) {
            probe.add(new Cmd(Command.TYPE, key));
            probe.add(new Cmd(Command.PTTL, key));
        }
        BothSides.SideReplies probed = sides.pipeline(db, probe);
        List<Object> sourceReplies = probed.source();
        List<Object> targetReplies = probed.target();
        Map<KeyRef, List<Difference>> found = new LinkedHashMap<>();
        List<Sized> sameType = new ArrayList<>();
        int compared = 0;
        int notComparable = 0;
        for (int i = 0; i < keys.size(); i++) {
            Presence s = presence(source, sourceReplies, i);
            Presence t = presence(target, targetReplies, i);
            if (!s.exists() && !t.exists()) {
                continue; // deleted or expired on both sides meanwhile
            }
            compared++;
            KeyRef ref = new KeyRef(db, keys.get(i));
            if (!t.exists()) {
                add(found, ref, DifferenceKind.MISSING_ON_TARGET, "source " + s.type());
            } else if (!s.exists()) {
                add(found, ref, DifferenceKind.EXTRA_ON_TARGET, "target " + t.type());
            } else if (!s.type().equals(t.type())) {
                add(found, ref, DifferenceKind.TYPE, "source " + s.type() + ", target " + t.type());
            } else {
                String ttl = compareTtl(s.ttlMillis(), t.ttlMillis(), ttlToleranceMillis);
                if (ttl != null) {
                    add(found, ref, DifferenceKind.TTL, ttl);
                }
                ValueType type = ValueType.of(s.type());
                if (type == null) {
                    notComparable++;
                } else {
                    sameType.add(new Sized(ref, type, -1));
                }
            }
        }
        compareValues(db, sameType, found, tryPayloads);
        return new Result(found, compared, notComparable);
    }

    /**
     * TTLs are read a moment apart, so they may differ by up to the tolerance; a TTL on one side only is always a
     * difference (a key that must never expire would expire, or the reverse).
     */
    static String compareTtl(long sourceMillis, long targetMillis, long toleranceMillis) {
        if (sourceMillis < 0 && targetMillis < 0) {
            return null;
        }
        if (sourceMillis < 0) {
            return "no TTL on source, " + seconds(targetMillis) + " on target";
        }
        if (targetMillis < 0) {
            return seconds(sourceMillis) + " on source, no TTL on target";
        }
        if (Math.abs(sourceMillis - targetMillis) > toleranceMillis) {
            return seconds(sourceMillis) + " on source, " + seconds(targetMillis) + " on target";
        }
        return null;
    }

    private void compareValues(int db, List<Sized> keys, Map<KeyRef, List<Difference>> found, boolean tryPayloads) {
        List<Cmd> sizes = new ArrayList<>(keys.size());
        for (Sized k : keys) {
            sizes.add(new Cmd(k.type().sizeCommand, k.ref().key()));
        }
        BothSides.SideReplies sized = sides.pipeline(db, sizes);
        List<Object> sourceSizes = sized.source();
        List<Object> targetSizes = sized.target();
        List<Sized> whole = new ArrayList<>();
        List<Sized> big = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Sized k = keys.get(i);
            try {
                long s = Replies.number(source.valueOf(sourceSizes.get(i)));
                long t = Replies.number(target.valueOf(targetSizes.get(i)));
                if (s != t) {
                    add(found, k.ref(), DifferenceKind.VALUE, k.type().typeName + " has " + s + " " + k.type().unit
                            + " on source, " + t + " on target");
                } else {
                    boolean small = k.type() == ValueType.STRING ? s <= WHOLE_STRING_BYTES : s <= WHOLE_ELEMENTS;
                    (small ? whole : big).add(new Sized(k.ref(), k.type(), s));
                }
            } catch (KeyChangedException e) {
                changed(found, k.ref());
            }
        }
        List<Sized> unproven = new ArrayList<>();
        for (List<Sized> part : byReadSize(whole, KeyComparer::readEstimate)) {
            List<Sized> differing = tryPayloads ? payloads.notProvenEqual(sides, db, part, k -> k.ref().key()) : part;
            compareWhole(db, differing, found);
            unproven.addAll(differing);
        }
        for (Sized k : big) {
            try {
                String differs = chunked.compare(db, k.type(), k.ref().key(), k.size());
                if (differs != null) {
                    add(found, k.ref(), DifferenceKind.VALUE, differs);
                }
            } catch (KeyChangedException e) {
                changed(found, k.ref());
            }
        }
        // equal payloads hold the streams' last ids and consumer groups too
        List<Sized> streams = new ArrayList<>();
        unproven.stream().filter(k -> k.type() == ValueType.STREAM).forEach(streams::add);
        big.stream().filter(k -> k.type() == ValueType.STREAM).forEach(streams::add);
        compareStreamMetadata(db, streams, found);
    }

    private static long readEstimate(Sized k) {
        return k.type() == ValueType.STRING ? k.size() : k.size() * ELEMENT_BYTES_ESTIMATE;
    }

    /** The items in consecutive parts of about {@link #VALUE_READ_BYTES} each, by their estimated bytes. */
    static <T> List<List<T>> byReadSize(List<T> items, ToLongFunction<T> bytesOf) {
        List<List<T>> parts = new ArrayList<>();
        List<T> part = new ArrayList<>();
        long bytes = 0;
        for (T k : items) {
            long estimate = bytesOf.applyAsLong(k);
            if (!part.isEmpty() && bytes + estimate > VALUE_READ_BYTES) {
                parts.add(part);
                part = new ArrayList<>();
                bytes = 0;
            }
            part.add(k);
            bytes += estimate;
        }
        if (!part.isEmpty()) {
            parts.add(part);
        }
        return parts;
    }

    private void compareWhole(int db, List<Sized> keys, Map<KeyRef, List<Difference>> found) {
        List<Cmd> reads = new ArrayList<>(keys.size());
        for (Sized k : keys) {
            reads.add(WholeValues.read(k.type(), k.ref().key()));
        }
        BothSides.SideReplies values = sides.pipeline(db, reads);
        List<Object> s = values.source();
        List<Object> t = values.target();
        for (int i = 0; i < keys.size(); i++) {
            Sized k = keys.get(i);
            try {
                String differs = WholeValues.compare(k.type(), source.valueOf(s.get(i)), target.valueOf(t.get(i)));
                if (differs != null) {
                    add(found, k.ref(), DifferenceKind.VALUE, differs);
                }
            } catch (KeyChangedException e) {
                changed(found, k.ref());
            }
        }
    }

    private void compareStreamMetadata(int db, List<Sized> streams, Map<KeyRef, List<Difference>> found) {
        List<Cmd> reads = new ArrayList<>(streams.size() * 2);
        for (Sized k : streams) {
            reads.addAll(StreamMetadata.read(k.ref().key()));
        }
        BothSides.SideReplies metadata = sides.pipeline(db, reads);
        List<Object> s = metadata.source();
        List<Object> t = metadata.target();
        for (int i = 0; i < streams.size(); i++) {
            KeyRef ref = streams.get(i).ref();
            try {
                String differs = StreamMetadata.compare(source.valueOf(s.get(2 * i)), target.valueOf(t.get(2 * i)),
                        source.valueOf(s.get(2 * i + 1)), target.valueOf(t.get(2 * i + 1)));
                if (differs != null) {
                    add(found, ref, DifferenceKind.VALUE, differs);
                }
            } catch (KeyChangedException e) {
                changed(found, ref);
            }
        }
    }

    private static Presence presence(RedisSide side, List<Object> replies, int i) {
        String type = Replies.text(side.valueOf(replies.get(2 * i)));
        long ttl = Replies.number(side.valueOf(replies.get(2 * i + 1)));
        // PTTL -2: the key expired between the two commands
        return "none".equals(type) || ttl == -2 ? new Presence(null, -2) : new Presence(type, ttl);
    }

    private static void changed(Map<KeyRef, List<Difference>> found, KeyRef ref) {
        add(found, ref, DifferenceKind.VALUE, "changed during the comparison");
    }

    /** At most one difference of each kind per key: the first one seen says enough. */
    private static void add(Map<KeyRef, List<Difference>> found, KeyRef ref, DifferenceKind kind, String detail) {
        List<Difference> differences = found.computeIfAbsent(ref, r -> new ArrayList<>(1));
        if (differences.stream().noneMatch(d -> d.kind() == kind)) {
            differences.add(new Difference(ref.db(), KeyText.printable(ref.key()), kind, detail));
        }
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "TTL %.1f s", millis / 1000.0);
    }
}
