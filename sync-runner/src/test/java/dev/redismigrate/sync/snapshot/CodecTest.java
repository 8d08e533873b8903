package dev.redismigrate.sync.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.moilioncircle.redis.replicator.rdb.BaseRdbEncoder;
import com.moilioncircle.redis.replicator.util.ByteArray;
import com.moilioncircle.redis.replicator.util.CRC64;
import com.moilioncircle.redis.replicator.util.Lzf;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast CRC64, LZF and RDB lengths against the library's reference implementations. */
class CodecTest {
    @Test
    void crc64MatchesRedis() {
        Random random = new Random(3);
        for (int length : new int[] {0, 1, 7, 8, 9, 63, 64, 1000, 4097}) {
            byte[] data = new byte[length + 5];
            random.nextBytes(data);
            assertThat(Crc64.of(data, 5, length)).isEqualTo(CRC64.crc64(data, 5, length));
        }
        // the check value of CRC-64/Jones as Redis documents it
        assertThat(Crc64.of("123456789".getBytes(), 0, 9)).isEqualTo(0xe9c6d914c4b8d9caL);
    }

    @Test
    void lzfDecodesWhatTheLibraryEncodes() throws Exception {
        Random random = new Random(5);
        for (int round = 0; round < 50; round++) {
            byte[] plain = new byte[50 + random.nextInt(5000)];
            for (int i = 0; i < plain.length; i++) {
                plain[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : 'a' + (i % 7));
            }
            ByteArray compressed = new ByteArray(plain.length);
            long n = Lzf.encode(new ByteArray(plain), plain.length, compressed, 0);
            if (n <= 0) {
                continue;
            }
            byte[] bytes = java.util.Arrays.copyOf(compressed.first(), (int) n);
            assertThat(StringValues.lzf(bytes, plain.length)).isEqualTo(plain);
        }
    }

    @Test
    void rdbLengthsAreWhatTheLibraryWrites() throws Exception {
        for (long length : new long[] {0, 1, 63, 64, 16383, 16384, 1L << 20, 0xFFFF_FFFFL, 1L << 32, Long.MAX_VALUE}) {
            ByteArrayOutputStream ours = new ByteArrayOutputStream();
            ByteArrayOutputStream library = new ByteArrayOutputStream();
            RdbLength.write(length, ours);
            new BaseRdbEncoder().rdbSaveLen(length, library);
            assertThat(ours.toByteArray()).as("length %d", length).isEqualTo(library.toByteArray());
        }
    }
}
