package dev.redismigrate.sync.snapshot;

import java.io.ByteArrayOutputStream;

/**
 * Builds {@code DUMP}-format payloads: type byte, value in RDB encoding, RDB version (2 bytes, little endian),
 * CRC64 of all that (8 bytes, little endian). Values are written in the plain encodings every Redis since 2.8 reads.
 */
final class Payloads {
    private final ByteArrayOutputStream out;
    private final int rdbVersion;

    Payloads(int type, long length, int rdbVersion, int sizeHint) {
        this.out = new ByteArrayOutputStream(Math.max(64, sizeHint));
        this.rdbVersion = rdbVersion;
        out.write(type);
        RdbLength.write(length, out);
    }

    void string(byte[] value) {
        RdbLength.write(value.length, out);
        out.writeBytes(value);
    }

    void binaryDouble(double value) {
        long bits = Double.doubleToLongBits(value);
        for (int i = 0; i < 8; i++) {
            out.write((int) (bits >>> (8 * i)) & 0xff);
        }
    }

    byte[] finish() {
        out.write(rdbVersion & 0xff);
        out.write((rdbVersion >> 8) & 0xff);
        int body = out.size();
        out.writeBytes(new byte[8]);
        byte[] payload = out.toByteArray();
        Crc64.writeLittleEndian(Crc64.of(payload, 0, body), payload, body);
        return payload;
    }
}
