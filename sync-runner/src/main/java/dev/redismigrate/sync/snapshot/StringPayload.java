package dev.redismigrate.sync.snapshot;

import com.moilioncircle.redis.replicator.io.RedisInputStream;
import com.moilioncircle.redis.replicator.rdb.BaseRdbEncoder;
import com.moilioncircle.redis.replicator.rdb.BaseRdbParser;
import com.moilioncircle.redis.replicator.util.CRC64;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * A string value's {@code DUMP} payload read straight from the snapshot into one array of its final size: the value
 * is copied once, never decoded (an LZF-compressed value stays compressed), so a string as big as the target's
 * {@code proto-max-bulk-len} needs about its own size of heap.
 */
final class StringPayload {
    private static final int RDB_TYPE_STRING = 0;
    private static final int ENC_LZF = 3;
    private static final int[] INT_BYTES = {1, 2, 4};

    private StringPayload() {
    }

    static byte[] read(RedisInputStream in, int rdbVersion) throws IOException {
        BaseRdbParser parser = new BaseRdbParser(in);
        BaseRdbEncoder encoder = new BaseRdbEncoder();
        ByteArrayOutputStream header = new ByteArrayOutputStream(16);
        header.write(RDB_TYPE_STRING);
        BaseRdbParser.Len len = parser.rdbLoadLen();
        long body;
        if (!len.encoded) {
            encoder.rdbSaveLen(len.len, header);
            body = len.len;
        } else if (len.len == ENC_LZF) {
            long compressed = parser.rdbLoadLen().len;
            long plain = parser.rdbLoadLen().len;
            header.write(0xC0 | ENC_LZF);
            encoder.rdbSaveLen(compressed, header);
            encoder.rdbSaveLen(plain, header);
            body = compressed;
        } else {
            header.write(0xC0 | (int) len.len);
            body = INT_BYTES[(int) len.len];
        }
        if (body > Integer.MAX_VALUE - 64) {
            throw new IOException("a string of " + body + " bytes is larger than a RESTORE can carry");
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
        byte[] crc = CRC64.longToByteArray(CRC64.crc64(payload, 0, at + 2));
        System.arraycopy(crc, 0, payload, at + 2, 8);
        return payload;
    }
}
