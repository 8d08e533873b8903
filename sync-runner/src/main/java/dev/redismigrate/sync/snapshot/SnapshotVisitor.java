package dev.redismigrate.sync.snapshot;

import static com.moilioncircle.redis.replicator.Constants.QUICKLIST_NODE_CONTAINER_PACKED;
import static com.moilioncircle.redis.replicator.Constants.QUICKLIST_NODE_CONTAINER_PLAIN;
import static com.moilioncircle.redis.replicator.Constants.RDB_LOAD_NONE;
import static com.moilioncircle.redis.replicator.Constants.RDB_TYPE_HASH_LISTPACK;
import static com.moilioncircle.redis.replicator.Constants.RDB_TYPE_HASH_ZIPLIST;
import static com.moilioncircle.redis.replicator.Constants.RDB_TYPE_HASH_ZIPMAP;
import static com.moilioncircle.redis.replicator.Constants.RDB_TYPE_LIST_QUICKLIST;
import static com.moilioncircle.redis.replicator.Constants.RDB_TYPE_LIST_QUICKLIST_2;
import static com.moilioncircle.redis.replicator.Constants.RDB_TYPE_LIST_ZIPLIST;
import static com.moilioncircle.redis.replicator.Constants.RDB_TYPE_SET_INTSET;
import static com.moilioncircle.redis.replicator.Constants.RDB_TYPE_SET_LISTPACK;
import static com.moilioncircle.redis.replicator.Constants.RDB_TYPE_STRING;
import static com.moilioncircle.redis.replicator.Constants.RDB_TYPE_ZSET_LISTPACK;
import static com.moilioncircle.redis.replicator.Constants.RDB_TYPE_ZSET_ZIPLIST;

import com.moilioncircle.redis.replicator.Replicator;
import com.moilioncircle.redis.replicator.event.Event;
import com.moilioncircle.redis.replicator.io.RedisInputStream;
import com.moilioncircle.redis.replicator.rdb.BaseRdbParser;
import com.moilioncircle.redis.replicator.rdb.datatype.ContextKeyValuePair;
import com.moilioncircle.redis.replicator.rdb.datatype.KeyValuePair;
import com.moilioncircle.redis.replicator.rdb.dump.DumpRdbVisitor;
import com.moilioncircle.redis.replicator.util.Strings;
import dev.redismigrate.sync.failure.SyncFailure;
import java.io.IOException;
import java.util.function.LongSupplier;

/**
 * Turns each record of the snapshot into target commands, as it is parsed, straight into the sink: nothing of the
 * snapshot is collected in memory beyond one key (and for big keys, one chunk of one key).
 *
 * <ul>
 *   <li>Strings without TTL or eviction data: collected into {@code MSET}s ({@link StringBatch}).</li>
 *   <li>Other strings, compact encodings (ziplist, listpack, intset) and lists of a few quicklist nodes: their raw
 *   bytes become a {@code RESTORE} payload, copied once and never decoded ({@link RawPayload}).</li>
 *   <li>Encodings the target's RDB version cannot read (e.g. a 7.0 listpack into a 6.2 target), streams and module
 *   values: {@link DumpRdbVisitor}, which converts down to the target's version.</li>
 *   <li>Longer lists, and sets, sorted sets and hashes in their big encodings: decoded element by element into a
 *   {@link ContainerRewriter}, which writes a plain-encoded {@code RESTORE} for normal keys and bounded type commands
 *   for big ones.</li>
 *   <li>Functions: {@code FUNCTION LOAD REPLACE}; scripts carried for replicas: {@code SCRIPT LOAD}.</li>
 * </ul>
 */
public final class SnapshotVisitor extends DumpRdbVisitor {
    /** Lists of up to this many quicklist nodes (about 8 KB each) are copied raw; longer ones are rewritten. */
    private static final long RAW_LIST_NODES = 64;
    private final SnapshotSink sink;
    private final int targetRdbVersion;
    private final ContainerRewriter.Limits limits;
    private final LongSupplier clock;
    private final boolean targetHasFunctions;
    private final StringBatch strings;

    public SnapshotVisitor(Replicator replicator, SnapshotSink sink, int targetRdbVersion, long bigKeyBytes,
                           LongSupplier clock) {
        // a small initial buffer: most values are small, and the library grows it for big ones
        super(replicator, targetRdbVersion, 256);
        this.sink = sink;
        this.targetRdbVersion = targetRdbVersion;
        this.limits = new ContainerRewriter.Limits(bigKeyBytes, Math.min(bigKeyBytes, 1 << 20), 1000);
        this.clock = clock;
        this.targetHasFunctions = targetRdbVersion >= 10;
        this.strings = new StringBatch(sink);
    }

    /** Writes what is still collected; called once the whole snapshot has been read. */
    public void finish() throws IOException {
        strings.flush();
    }

    // --- raw payloads -------------------------------------------------------------------------------------------

    @Override
    public Event applyString(RedisInputStream in, int version, ContextKeyValuePair context) throws IOException {
        BaseRdbParser parser = new BaseRdbParser(in);
        byte[] key = parser.rdbLoadEncodedStringObject().first();
        KeyMeta meta = KeyMeta.of(context, key);
        if (meta.plain()) {
            strings.add(meta.db(), key, StringValues.read(in));
        } else {
            sink.write(meta.db(), meta.restore(RawPayload.single(in, RDB_TYPE_STRING, targetRdbVersion),
                    clock.getAsLong()), 1);
        }
        return null;
    }

    @Override
    public Event applySetListPack(RedisInputStream in, int version, ContextKeyValuePair context) throws IOException {
        if (targetRdbVersion < 11) {
            return restore(super.applySetListPack(in, version, context));
        }
        return raw(in, RDB_TYPE_SET_LISTPACK, context);
    }

    @Override
    public Event applyHashZipMap(RedisInputStream in, int version, ContextKeyValuePair context) throws IOException {
        return raw(in, RDB_TYPE_HASH_ZIPMAP, context);
    }

    @Override
    public Event applyListZipList(RedisInputStream in, int version, ContextKeyValuePair context) throws IOException {
        return raw(in, RDB_TYPE_LIST_ZIPLIST, context);
    }

    @Override
    public Event applySetIntSet(RedisInputStream in, int version, ContextKeyValuePair context) throws IOException {
        return raw(in, RDB_TYPE_SET_INTSET, context);
    }

    @Override
    public Event applyZSetZipList(RedisInputStream in, int version, ContextKeyValuePair context) throws IOException {
        return raw(in, RDB_TYPE_ZSET_ZIPLIST, context);
    }

    @Override
    public Event applyZSetListPack(RedisInputStream in, int version, ContextKeyValuePair context) throws IOException {
        if (targetRdbVersion >= 10) {
            return raw(in, RDB_TYPE_ZSET_LISTPACK, context);
        }
        // The library's downgrade writes scores as "%.17f" text, which breaks on large scores: decode instead.
        BaseRdbParser parser = new BaseRdbParser(in);
        ContainerRewriter rewriter = rewriter(ContainerRewriter.Kind.ZSET, parser, context);
        RedisInputStream listPack = new RedisInputStream(parser.rdbLoadPlainStringObject());
        listPack.skip(4); // total bytes
        for (int n = listPack.readInt(2); n > 0; n -= 2) {
            byte[] member = BaseRdbParser.StringHelper.listPackEntry(listPack);
            byte[] score = BaseRdbParser.StringHelper.listPackEntry(listPack);
            rewriter.scored(member, Double.parseDouble(Strings.toString(score)));
        }
        rewriter.finish();
        return null;
    }

    @Override
    public Event applyHashZipList(RedisInputStream in, int version, ContextKeyValuePair context) throws IOException {
        return raw(in, RDB_TYPE_HASH_ZIPLIST, context);
    }

    @Override
    public Event applyHashListPack(RedisInputStream in, int version, ContextKeyValuePair context) throws IOException {
        if (targetRdbVersion < 10) {
            return restore(super.applyHashListPack(in, version, context));
        }
        return raw(in, RDB_TYPE_HASH_LISTPACK, context);
    }

    @Override
    public Event applyModule(RedisInputStream in, int version, ContextKeyValuePair context) throws IOException {
        return restore(super.applyModule(in, version, context));
    }

    @Override
    public Event applyModule2(RedisInputStream in, int version, ContextKeyValuePair context) throws IOException {
        return restore(super.applyModule2(in, version, context));
    }

    @Override
    public Event applyStreamListPacks(RedisInputStream in, int version, ContextKeyValuePair context) throws IOException {
        return restore(super.applyStreamListPacks(in, version, context));
    }

    @Override
    public Event applyStreamListPacks2(RedisInputStream in, int version, ContextKeyValuePair context) throws IOException {
        return restore(super.applyStreamListPacks2(in, version, context));
    }

    @Override
    public Event applyStreamListPacks3(RedisInputStream in, int version, ContextKeyValuePair context) throws IOException {
        return restore(super.applyStreamListPacks3(in, version, context));
    }

    @Override
    public Event applyHashMetadata(RedisInputStream in, int version, ContextKeyValuePair context) throws IOException {
        return restore(super.applyHashMetadata(in, version, context));
    }

    @Override
    public Event applyHashListPackEx(RedisInputStream in, int version, ContextKeyValuePair context) throws IOException {
        return restore(super.applyHashListPackEx(in, version, context));
    }

    // --- decoded containers -------------------------------------------------------------------------------------

    @Override
    public Event applyList(RedisInputStream in, int version, ContextKeyValuePair context) throws IOException {
        BaseRdbParser parser = new BaseRdbParser(in);
        ContainerRewriter rewriter = rewriter(ContainerRewriter.Kind.LIST, parser, context);
        for (long n = parser.rdbLoadLen().len; n > 0; n--) {
            rewriter.member(parser.rdbLoadEncodedStringObject().first());
        }
        rewriter.finish();
        return null;
    }

    @Override
    public Event applySet(RedisInputStream in, int version, ContextKeyValuePair context) throws IOException {
        BaseRdbParser parser = new BaseRdbParser(in);
        ContainerRewriter rewriter = rewriter(ContainerRewriter.Kind.SET, parser, context);
        for (long n = parser.rdbLoadLen().len; n > 0; n--) {
            rewriter.member(parser.rdbLoadEncodedStringObject().first());
        }
        rewriter.finish();
        return null;
    }

    @Override
    public Event applyZSet(RedisInputStream in, int version, ContextKeyValuePair context) throws IOException {
        BaseRdbParser parser = new BaseRdbParser(in);
        ContainerRewriter rewriter = rewriter(ContainerRewriter.Kind.ZSET, parser, context);
        for (long n = parser.rdbLoadLen().len; n > 0; n--) {
            byte[] member = parser.rdbLoadEncodedStringObject().first();
            rewriter.scored(member, parser.rdbLoadDoubleValue());
        }
        rewriter.finish();
        return null;
    }

    @Override
    public Event applyZSet2(RedisInputStream in, int version, ContextKeyValuePair context) throws IOException {
        BaseRdbParser parser = new BaseRdbParser(in);
        ContainerRewriter rewriter = rewriter(ContainerRewriter.Kind.ZSET, parser, context);
        for (long n = parser.rdbLoadLen().len; n > 0; n--) {
            byte[] member = parser.rdbLoadEncodedStringObject().first();
            rewriter.scored(member, parser.rdbLoadBinaryDoubleValue());
        }
        rewriter.finish();
        return null;
    }

    @Override
    public Event applyHash(RedisInputStream in, int version, ContextKeyValuePair context) throws IOException {
        BaseRdbParser parser = new BaseRdbParser(in);
        ContainerRewriter rewriter = rewriter(ContainerRewriter.Kind.HASH, parser, context);
        for (long n = parser.rdbLoadLen().len; n > 0; n--) {
            byte[] field = parser.rdbLoadEncodedStringObject().first();
            rewriter.field(field, parser.rdbLoadEncodedStringObject().first());
        }
        rewriter.finish();
        return null;
    }

    @Override
    public Event applyListQuickList(RedisInputStream in, int version, ContextKeyValuePair context) throws IOException {
        BaseRdbParser parser = new BaseRdbParser(in);
        byte[] key = parser.rdbLoadEncodedStringObject().first();
        long count = parser.rdbLoadLen().len;
        if (count <= RAW_LIST_NODES) {
            RawPayload payload = RawPayload.start(RDB_TYPE_LIST_QUICKLIST, count);
            for (long n = count; n > 0; n--) {
                payload.rawString(in);
            }
            return restore(KeyMeta.of(context, key), payload.finish(targetRdbVersion));
        }
        ContainerRewriter rewriter = rewriter(ContainerRewriter.Kind.LIST, key, context);
        for (long nodes = count; nodes > 0; nodes--) {
            RedisInputStream zipList = new RedisInputStream(parser.rdbGenericLoadStringObject(RDB_LOAD_NONE));
            BaseRdbParser.LenHelper.zlbytes(zipList);
            BaseRdbParser.LenHelper.zltail(zipList);
            for (int n = BaseRdbParser.LenHelper.zllen(zipList); n > 0; n--) {
                rewriter.member(BaseRdbParser.StringHelper.zipListEntry(zipList));
            }
        }
        rewriter.finish();
        return null;
    }

    @Override
    public Event applyListQuickList2(RedisInputStream in, int version, ContextKeyValuePair context) throws IOException {
        BaseRdbParser parser = new BaseRdbParser(in);
        byte[] key = parser.rdbLoadEncodedStringObject().first();
        long count = parser.rdbLoadLen().len;
        if (targetRdbVersion >= 10 && count <= RAW_LIST_NODES) {
            RawPayload payload = RawPayload.start(RDB_TYPE_LIST_QUICKLIST_2, count);
            for (long n = count; n > 0; n--) {
                payload.length(parser.rdbLoadLen().len);
                payload.rawString(in);
            }
            return restore(KeyMeta.of(context, key), payload.finish(targetRdbVersion));
        }
        ContainerRewriter rewriter = rewriter(ContainerRewriter.Kind.LIST, key, context);
        for (long nodes = count; nodes > 0; nodes--) {
            long container = parser.rdbLoadLen().len;
            byte[] node = parser.rdbLoadPlainStringObject().first();
            if (container == QUICKLIST_NODE_CONTAINER_PLAIN) {
                rewriter.member(node);
            } else if (container == QUICKLIST_NODE_CONTAINER_PACKED) {
                RedisInputStream listPack = new RedisInputStream(new com.moilioncircle.redis.replicator.util.ByteArray(node));
                listPack.skip(4); // total bytes
                for (int n = listPack.readInt(2); n > 0; n--) {
                    rewriter.member(BaseRdbParser.StringHelper.listPackEntry(listPack));
                }
            } else {
                throw new IOException("unknown quicklist node container " + container);
            }
        }
        rewriter.finish();
        return null;
    }

    // --- functions and scripts ----------------------------------------------------------------------------------

    @Override
    public Event applyFunction2(RedisInputStream in, int version) throws IOException {
        byte[] code = new BaseRdbParser(in).rdbLoadPlainStringObject().first();
        if (!targetHasFunctions) {
            throw new SyncFailure(SyncFailure.Side.TARGET, SyncFailure.Kind.TARGET_UNSUPPORTED,
                    "the source holds Redis functions, which a target before Redis 7.0 cannot store");
        }
        sink.write(-1, new byte[][] {KeyMeta.ascii("FUNCTION"), KeyMeta.ascii("LOAD"), KeyMeta.ascii("REPLACE"), code},
                0);
        return null;
    }

    @Override
    public Event applyAux(RedisInputStream in, int version) throws IOException {
        BaseRdbParser parser = new BaseRdbParser(in);
        String name = Strings.toString(parser.rdbLoadEncodedStringObject().first());
        byte[] value = parser.rdbLoadEncodedStringObject().first();
        if (name.equals("lua")) {
            // Redis 5/6 ship their script cache to replicas so EVALSHA in the stream finds the script.
            sink.write(-1, new byte[][] {KeyMeta.ascii("SCRIPT"), KeyMeta.ascii("LOAD"), value}, 0);
        }
        return null;
    }

    private ContainerRewriter rewriter(ContainerRewriter.Kind kind, BaseRdbParser parser, ContextKeyValuePair context)
            throws IOException {
        return rewriter(kind, parser.rdbLoadEncodedStringObject().first(), context);
    }

    private ContainerRewriter rewriter(ContainerRewriter.Kind kind, byte[] key, ContextKeyValuePair context) {
        return new ContainerRewriter(kind, KeyMeta.of(context, key), sink, limits, clock, targetRdbVersion);
    }

    /** A value that is one RDB string (compact encodings), copied raw into its payload. */
    private Event raw(RedisInputStream in, int type, ContextKeyValuePair context) throws IOException {
        byte[] key = new BaseRdbParser(in).rdbLoadEncodedStringObject().first();
        return restore(KeyMeta.of(context, key), RawPayload.single(in, type, targetRdbVersion));
    }

    private Event restore(KeyMeta meta, byte[] payload) throws IOException {
        sink.write(meta.db(), meta.restore(payload, clock.getAsLong()), 1);
        return null;
    }

    private Event restore(Event event) throws IOException {
        @SuppressWarnings("unchecked")
        KeyValuePair<byte[], byte[]> kv = (KeyValuePair<byte[], byte[]>) event;
        KeyMeta meta = KeyMeta.of(kv, kv.getKey());
        sink.write(meta.db(), meta.restore(kv.getValue(), clock.getAsLong()), 1);
        return null;
    }
}
