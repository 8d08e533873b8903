package dev.redismigrate.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyTextTest {
    @Test
    void printableAsciiStaysAsIs() {
        assertThat(KeyText.printable("user:1 {a}".getBytes(StandardCharsets.US_ASCII))).isEqualTo("user:1 {a}");
    }

    @Test
    void everyOtherByteIsEscapedLikeRedisCli() {
        byte[] key = {0x00, (byte) 0xff, '\n', '\r', '\t', '"', '\\', 0x7f, 'k'};
        assertThat(KeyText.printable(key)).isEqualTo("\\x00\\xff\\n\\r\\t\\\"\\\\\\x7fk");
    }

    @Test
    void utf8IsShownByteByByteSoDifferentKeysNeverPrintTheSame() {
        assertThat(KeyText.printable("café".getBytes(StandardCharsets.UTF_8))).isEqualTo("caf\\xc3\\xa9");
        assertThat(KeyText.printable(new byte[] {'\\', 'x', '4', '1'})).isNotEqualTo(KeyText.printable(new byte[] {0x41}));
    }
}
