package dev.redismigrate.sync.snapshot;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Receives the decoded elements of one list, set, sorted set or hash, one at a time, and writes the key in bounded
 * memory: while the elements seen so far stay under the big-key limit they are kept and written at the end as one
 * {@code RESTORE} (a payload in the plain encoding every Redis reads, whatever the source's encoding was); past the
 * limit the key is written as a {@code DEL} followed by type commands ({@code RPUSH/SADD/ZADD/HSET}) of bounded size,
 * then {@code PEXPIREAT}. Never more than about one limit of the value is held.
 */
final class ContainerRewriter {
    enum Kind {
        LIST(1, "RPUSH"), SET(2, "SADD"), ZSET(5, "ZADD"), HASH(4, "HSET");

        final int rdbType;
        final String command;

        Kind(int rdbType, String command) {
            this.rdbType = rdbType;
            this.command = command;
        }
    }

    /** A member (list, set), member and score (zset) or field and value (hash). */
    private record Element(byte[] first, byte[] second, double score) {
        long size() {
            return first.length + (second == null ? 8 : second.length) + 48;
        }
    }

    private final Kind kind;
    private final KeyMeta meta;
    private final SnapshotSink sink;
    private final Limits limits;
    private final LongSupplier clock;
    private final int rdbVersion;
    private final ArrayDeque<Element> elements = new ArrayDeque<>();
    private long bytes;
    private boolean chunked;
    private byte[][] pending;

    record Limits(long bigKeyBytes, long chunkBytes, int chunkElements) {
    }

    ContainerRewriter(Kind kind, KeyMeta meta, SnapshotSink sink, Limits limits, LongSupplier clock, int rdbVersion) {
        this.kind = kind;
        this.meta = meta;
        this.sink = sink;
        this.limits = limits;
        this.clock = clock;
        this.rdbVersion = rdbVersion;
    }

    void member(byte[] member) throws IOException {
        add(new Element(member, null, 0));
    }

    void scored(byte[] member, double score) throws IOException {
        add(new Element(member, null, score));
    }

    void field(byte[] field, byte[] value) throws IOException {
        add(new Element(field, value, 0));
    }

    void finish() throws IOException {
        if (!chunked) {
            if (elements.isEmpty()) {
                return;
            }
            sink.write(meta.db(), meta.restore(payload(), clock.getAsLong()), 1);
            return;
        }
        if (!elements.isEmpty()) {
            emit(chunkCommand());
        }
        if (meta.expireAtMs() >= 0) {
            emit(meta.expire(clock.getAsLong()));
        }
        sink.write(meta.db(), pending, 1);
    }

    private void add(Element element) throws IOException {
        elements.add(element);
        bytes += element.size();
        if (!chunked && bytes > limits.bigKeyBytes()) {
            chunked = true;
            pending = new byte[][] {KeyMeta.ascii("DEL"), meta.key()};
            flushChunks(false);
        } else if (chunked) {
            flushChunks(false);
        }
    }

    private void flushChunks(boolean all) throws IOException {
        while (!elements.isEmpty() && (all || bytes >= limits.chunkBytes() || elements.size() >= limits.chunkElements())) {
            emit(chunkCommand());
        }
    }

    /** Takes up to one chunk of elements off the front. */
    private byte[][] chunkCommand() {
        List<byte[]> args = new ArrayList<>();
        args.add(KeyMeta.ascii(kind.command));
        args.add(meta.key());
        long taken = 0;
        int count = 0;
        while (!elements.isEmpty() && count < limits.chunkElements() && (count == 0 || taken < limits.chunkBytes())) {
            Element e = elements.removeFirst();
            switch (kind) {
                case LIST, SET -> args.add(e.first());
                case ZSET -> {
                    args.add(KeyMeta.ascii(score(e.score())));
                    args.add(e.first());
                }
                case HASH -> {
                    args.add(e.first());
                    args.add(e.second());
                }
            }
            taken += e.size();
            count++;
        }
        bytes -= taken;
        return args.toArray(new byte[0][]);
    }

    private void emit(byte[][] command) throws IOException {
        sink.write(meta.db(), pending, 0);
        pending = command;
    }

    private byte[] payload() {
        Payloads payload = new Payloads(kind.rdbType, elements.size(), rdbVersion, (int) Math.min(bytes, Integer.MAX_VALUE - 64));
        for (Element e : elements) {
            payload.string(e.first());
            if (kind == Kind.ZSET) {
                payload.binaryDouble(e.score());
            } else if (kind == Kind.HASH) {
                payload.string(e.second());
            }
        }
        return payload.finish();
    }

    static String score(double score) {
        if (score == Double.POSITIVE_INFINITY) {
            return "inf";
        }
        if (score == Double.NEGATIVE_INFINITY) {
            return "-inf";
        }
        if (score == Math.rint(score) && Math.abs(score) < 1e15) {
            return Long.toString((long) score);
        }
        return Double.toString(score);
    }
}
