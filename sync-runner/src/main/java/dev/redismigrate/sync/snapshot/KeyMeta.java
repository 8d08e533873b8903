package dev.redismigrate.sync.snapshot;

import com.moilioncircle.redis.replicator.rdb.datatype.EvictType;
import com.moilioncircle.redis.replicator.rdb.datatype.ExpiredType;
import com.moilioncircle.redis.replicator.rdb.datatype.KeyValuePair;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the snapshot says about a key besides its value: database, absolute expiry (ms, or -1), LRU idle seconds or
 * LFU frequency (-1 when absent).
 */
record KeyMeta(int db, byte[] key, long expireAtMs, long idleSeconds, long frequency) {
    static KeyMeta of(KeyValuePair<?, ?> context, byte[] key) {
        long expireAt = -1;
        if (context.getExpiredType() == ExpiredType.MS) {
            expireAt = context.getExpiredValue();
        } else if (context.getExpiredType() == ExpiredType.SECOND) {
            expireAt = context.getExpiredValue() * 1000L;
        }
        long idle = context.getEvictType() == EvictType.LRU ? context.getEvictValue() : -1;
        long freq = context.getEvictType() == EvictType.LFU ? context.getEvictValue() : -1;
        int db = context.getDb() == null ? 0 : (int) context.getDb().getDbNumber();
        return new KeyMeta(db, key, expireAt, idle, freq);
    }

    /** No expiry and no LRU/LFU data: the value alone says everything. */
    boolean plain() {
        return expireAtMs < 0 && idleSeconds < 0 && frequency < 0;
    }

    /** {@code RESTORE key ttl payload REPLACE ABSTTL [IDLETIME s] [FREQ f]} with the guarded expiry. */
    byte[][] restore(byte[] payload, long nowMs) {
        List<byte[]> args = new ArrayList<>(9);
        args.add(ascii("RESTORE"));
        args.add(key);
        args.add(ascii(Long.toString(expireAtMs < 0 ? 0 : TtlGuard.guarded(expireAtMs, nowMs))));
        args.add(payload);
        args.add(ascii("REPLACE"));
        args.add(ascii("ABSTTL"));
        if (idleSeconds >= 0) {
            args.add(ascii("IDLETIME"));
            args.add(ascii(Long.toString(idleSeconds)));
        }
        if (frequency >= 0) {
            args.add(ascii("FREQ"));
            args.add(ascii(Long.toString(frequency)));
        }
        return args.toArray(new byte[0][]);
    }

    /** {@code PEXPIREAT key <guarded expiry>} after a key written as type commands. */
    byte[][] expire(long nowMs) {
        return new byte[][] {ascii("PEXPIREAT"), key, ascii(Long.toString(TtlGuard.guarded(expireAtMs, nowMs)))};
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
