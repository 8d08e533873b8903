package dev.redismigrate.sync.snapshot;

import com.moilioncircle.redis.replicator.io.RedisInputStream;
import com.moilioncircle.redis.replicator.rdb.BaseRdbParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads one RDB string value into plain bytes (for {@code MSET}): raw bytes as they are, integer encodings as
 * decimal text, LZF decompressed on plain arrays (several times faster than the general-purpose decoder).
 */
final class StringValues {
    private static final int ENC_INT8 = 0;
    private static final int ENC_INT16 = 1;
    private static final int ENC_INT32 = 2;

    private StringValues() {
    }

    static byte[] read(RedisInputStream in) throws IOException {
        BaseRdbParser parser = new BaseRdbParser(in);
        BaseRdbParser.Len len = parser.rdbLoadLen();
        if (!len.encoded) {
            return bytes(in, len.len);
        }
        switch ((int) len.len) {
            case ENC_INT8:
                return decimal((byte) in.read());
            case ENC_INT16:
                return decimal((short) (in.read() | in.read() << 8));
            case ENC_INT32:
                return decimal(in.read() | in.read() << 8 | in.read() << 16 | in.read() << 24);
            default: {
                long compressed = parser.rdbLoadLen().len;
                long plain = parser.rdbLoadLen().len;
                return lzf(bytes(in, compressed), (int) plain);
            }
        }
    }

    static byte[] lzf(byte[] in, int plainLength) throws IOException {
        byte[] out = new byte[plainLength];
        int ip = 0;
        int op = 0;
        while (ip < in.length) {
            int ctrl = in[ip++] & 0xff;
            if (ctrl < 32) {
                int run = ctrl + 1;
                System.arraycopy(in, ip, out, op, run);
                ip += run;
                op += run;
            } else {
                int length = ctrl >>> 5;
                int ref = op - ((ctrl & 0x1f) << 8) - 1;
                if (length == 7) {
                    length += in[ip++] & 0xff;
                }
                ref -= in[ip++] & 0xff;
                length += 2;
                if (ref < 0) {
                    throw new IOException("corrupt LZF data in the snapshot");
                }
                for (int i = 0; i < length; i++) {
                    out[op++] = out[ref++];
                }
            }
        }
        if (op != plainLength) {
            throw new IOException("corrupt LZF data in the snapshot");
        }
        return out;
    }

    private static byte[] bytes(RedisInputStream in, long length) throws IOException {
        byte[] bytes = new byte[(int) length];
        if (length > 0) {
            in.read(bytes, 0, (int) length);
        }
        return bytes;
    }

    private static byte[] decimal(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }
}
