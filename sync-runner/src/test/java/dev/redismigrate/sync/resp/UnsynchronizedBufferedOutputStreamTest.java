package dev.redismigrate.sync.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UnsynchronizedBufferedOutputStreamTest {
    @Test
    void passesOnEveryByteInOrderWhateverTheSizesOfTheWrites() throws Exception {
        Random random = new Random(7);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteArrayOutputStream socket = new ByteArrayOutputStream();
        UnsynchronizedBufferedOutputStream out = new UnsynchronizedBufferedOutputStream(socket, 64);
        for (int i = 0; i < 500; i++) {
            if (random.nextInt(3) == 0) {
                int b = random.nextInt(256);
                out.write(b);
                expected.write(b);
            } else {
                byte[] bytes = new byte[random.nextInt(150)]; // shorter and longer than the buffer
                random.nextBytes(bytes);
                out.write(bytes);
                expected.writeBytes(bytes);
            }
        }
        assertThat(socket.size()).isLessThan(expected.size()); // the tail is still buffered
        out.flush();
        assertThat(socket.toByteArray()).isEqualTo(expected.toByteArray());
    }
}
