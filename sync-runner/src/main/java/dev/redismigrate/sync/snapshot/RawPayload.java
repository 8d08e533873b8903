package dev.redismigrate.sync.snapshot;

import com.moilioncircle.redis.replicator.io.RedisInputStream;
import com.moilioncircle.redis.replicator.rdb.BaseRdbParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * {@code DUMP} payloads copied raw from the snapshot, never decoded: an LZF-compressed value stays compressed and
 * the bytes are copied once into an array of their final size. Used for strings and for the compact encodings
 * (ziplist, listpack, intset) whenever the target reads them as they are.
 */
final class RawPayload {
    private static final int ENC_LZF = 3;
    private static final int[] INT_BYTES = {1, 2, 4};

    private final ByteArrayOutputStream out;

    private RawPayload(int type, int sizeHint) {
        out = new ByteArrayOutputStream(sizeHint);
        out.write(type);
    }

    /** A value that is one RDB string (a string, or a ziplist/listpack/intset blob). */
    static byte[] single(RedisInputStream in, int type, int rdbVersion) throws IOException {
        BaseRdbParser parser = new BaseRdbParser(in);
        ByteArrayOutputStream header = new ByteArrayOutputStream(16);
        header.write(type);
        long body = stringHeader(parser, header);
        if (body > Integer.MAX_VALUE - 64) {
            throw new IOException("a value of " + body + " bytes is larger than a RESTORE can carry");
        }
        byte[] head = header.toByteArray();
        byte[] payload = new byte[head.length + (int) body + 10];
        System.arraycopy(head, 0, payload, 0, head.length);
        if (body > 0) {
            in.read(payload, head.length, (int) body);
        }
        int at = head.length + (int) body;
        payload[at] = (byte) rdbVersion;
        payload[at + 1] = (byte) (rdbVersion >> 8);
        Crc64.writeLittleEndian(Crc64.of(payload, 0, at + 2), payload, at + 2);
        return payload;
    }

    /** Starts a payload assembled from several raw parts (a quicklist's nodes). */
    static RawPayload start(int type, long length) {
        RawPayload payload = new RawPayload(type, 256);
        RdbLength.write(length, payload.out);
        return payload;
    }

    void length(long value) {
        RdbLength.write(value, out);
    }

    /** Copies one RDB string from the snapshot as it is. */
    void rawString(RedisInputStream in) throws IOException {
        long body = stringHeader(new BaseRdbParser(in), out);
        byte[] bytes = new byte[(int) body];
        if (body > 0) {
            in.read(bytes, 0, (int) body);
        }
        out.writeBytes(bytes);
    }

    int size() {
        return out.size();
    }

    byte[] finish(int rdbVersion) {
        out.write(rdbVersion & 0xff);
        out.write((rdbVersion >> 8) & 0xff);
        int body = out.size();
        out.writeBytes(new byte[8]);
        byte[] payload = out.toByteArray();
        Crc64.writeLittleEndian(Crc64.of(payload, 0, body), payload, body);
        return payload;
    }

    /** Reads a string's length header, writes the same header, returns how many bytes of body follow. */
    private static long stringHeader(BaseRdbParser parser, ByteArrayOutputStream header) throws IOException {
        BaseRdbParser.Len len = parser.rdbLoadLen();
        if (!len.encoded) {
            RdbLength.write(len.len, header);
            return len.len;
        }
        if (len.len == ENC_LZF) {
            long compressed = parser.rdbLoadLen().len;
            long plain = parser.rdbLoadLen().len;
            header.write(0xC0 | ENC_LZF);
            RdbLength.write(compressed, header);
            RdbLength.write(plain, header);
            return compressed;
        }
        header.write(0xC0 | (int) len.len);
        return INT_BYTES[(int) len.len];
    }
}
