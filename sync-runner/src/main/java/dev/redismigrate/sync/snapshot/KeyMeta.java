package dev.redismigrate.sync.snapshot;

import com.moilioncircle.redis.replicator.rdb.datatype.EvictType;
import com.moilioncircle.redis.replicator.rdb.datatype.ExpiredType;
import com.moilioncircle.redis.replicator.rdb.datatype.KeyValuePair;
import java.nio.charset.StandardCharsets;

/**
 * What the snapshot says about a key besides its value: database, absolute expiry (ms, or -1), LRU idle seconds or
 * LFU frequency (-1 when absent).
 */
record KeyMeta(int db, byte[] key, long expireAtMs, long idleSeconds, long frequency) {
    private static final byte[] RESTORE = ascii("RESTORE");
    private static final byte[] NO_TTL = ascii("0");
    private static final byte[] REPLACE = ascii("REPLACE");
    private static final byte[] ABSTTL = ascii("ABSTTL");
    private static final byte[] IDLETIME = ascii("IDLETIME");
    private static final byte[] FREQ = ascii("FREQ");
    private static final byte[] PEXPIREAT = ascii("PEXPIREAT");

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
        // one array of the final size per key (this runs for most keys of a snapshot)
        byte[][] args = new byte[6 + (idleSeconds >= 0 ? 2 : 0) + (frequency >= 0 ? 2 : 0)][];
        args[0] = RESTORE;
        args[1] = key;
        args[2] = expireAtMs < 0 ? NO_TTL : ascii(Long.toString(TtlGuard.guarded(expireAtMs, nowMs)));
        args[3] = payload;
        args[4] = REPLACE;
        args[5] = ABSTTL;
        int at = 6;
        if (idleSeconds >= 0) {
            args[at++] = IDLETIME;
            args[at++] = ascii(Long.toString(idleSeconds));
        }
        if (frequency >= 0) {
            args[at++] = FREQ;
            args[at] = ascii(Long.toString(frequency));
        }
        return args;
    }

    /** {@code PEXPIREAT key <guarded expiry>} after a key written as type commands. */
    byte[][] expire(long nowMs) {
        return new byte[][] {PEXPIREAT, key, ascii(Long.toString(TtlGuard.guarded(expireAtMs, nowMs)))};
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
