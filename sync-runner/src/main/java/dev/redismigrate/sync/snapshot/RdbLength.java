package dev.redismigrate.sync.snapshot;

import java.io.ByteArrayOutputStream;

/**
 * The RDB length encoding (Redis's {@code rdbSaveLen}): 6, 14, 32 or 64 bits. Written here because the library's
 * encoder builds a {@code BigInteger} for every length, which made it one of the snapshot's largest allocators.
 */
final class RdbLength {
    private static final long MAX_32 = 0xFFFF_FFFFL;

    private RdbLength() {
    }

    static void write(long length, ByteArrayOutputStream out) {
        if (length < 0 || length > MAX_32) {
            out.write(0x81);
            writeBigEndian(length, 8, out);
        } else if (length < 1 << 6) {
            out.write((int) length);
        } else if (length < 1 << 14) {
            out.write((int) (length >> 8) | 0x40);
            out.write((int) length & 0xff);
        } else {
            out.write(0x80);
            writeBigEndian(length, 4, out);
        }
    }

    private static void writeBigEndian(long value, int bytes, ByteArrayOutputStream out) {
        for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift) & 0xff);
        }
    }
}
