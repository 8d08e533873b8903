package dev.redismigrate.sync.snapshot;

import com.moilioncircle.redis.replicator.util.CRC64;

/**
 * Redis's CRC64 (Jones polynomial, reflected), eight bytes per step ("slicing by 8") instead of one: every payload
 * this engine builds carries one, so it is on the hot path of a full sync.
 */
final class Crc64 {
    private static final long[][] TABLES = new long[8][256];

    static {
        for (int i = 0; i < 256; i++) {
            TABLES[0][i] = CRC64.LOOKUP_TABLE[i];
        }
        for (int k = 1; k < 8; k++) {
            for (int i = 0; i < 256; i++) {
                long previous = TABLES[k - 1][i];
                TABLES[k][i] = (previous >>> 8) ^ TABLES[0][(int) (previous & 0xff)];
            }
        }
    }

    private Crc64() {
    }

    static long of(byte[] bytes, int start, int length) {
        long crc = 0;
        int i = start;
        int end = start + length;
        while (end - i >= 8) {
            long word = (bytes[i] & 0xffL) | (bytes[i + 1] & 0xffL) << 8 | (bytes[i + 2] & 0xffL) << 16
                    | (bytes[i + 3] & 0xffL) << 24 | (bytes[i + 4] & 0xffL) << 32 | (bytes[i + 5] & 0xffL) << 40
                    | (bytes[i + 6] & 0xffL) << 48 | (bytes[i + 7] & 0xffL) << 56;
            crc ^= word;
            crc = TABLES[7][(int) (crc & 0xff)] ^ TABLES[6][(int) ((crc >>> 8) & 0xff)]
                    ^ TABLES[5][(int) ((crc >>> 16) & 0xff)] ^ TABLES[4][(int) ((crc >>> 24) & 0xff)]
                    ^ TABLES[3][(int) ((crc >>> 32) & 0xff)] ^ TABLES[2][(int) ((crc >>> 40) & 0xff)]
                    ^ TABLES[1][(int) ((crc >>> 48) & 0xff)] ^ TABLES[0][(int) (crc >>> 56)];
            i += 8;
        }
        for (; i < end; i++) {
            crc = (crc >>> 8) ^ TABLES[0][(int) ((crc ^ bytes[i]) & 0xff)];
        }
        return crc;
    }

    static void writeLittleEndian(long value, byte[] target, int at) {
        for (int i = 0; i < 8; i++) {
            target[at + i] = (byte) (value >>> (8 * i));
        }
    }
}
