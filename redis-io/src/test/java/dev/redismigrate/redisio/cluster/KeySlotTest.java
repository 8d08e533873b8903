package dev.redismigrate.redisio.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

class KeySlotTest {
    @Test
    void crc16IsTheXmodemVariantOfTheClusterSpecification() {
        // the specification's reference output: CRC16 of "123456789" is 0x31C3
        byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(KeySlot.crc16(digits, 0, digits.length)).isEqualTo(0x31C3);
    }

    @Test
    void slotsOfPlainKeysAreTheOnesRedisComputes() {
        // CLUSTER KEYSLOT answers on a real server
        assertThat(KeySlot.of("foo")).isEqualTo(12182);
        assertThat(KeySlot.of("bar")).isEqualTo(5061);
        assertThat(KeySlot.of("")).isZero();
    }

    @Test
    void hashTagsFollowTheSpecificationsExamples() {
        assertThat(KeySlot.of("{user1000}.following")).isEqualTo(KeySlot.of("{user1000}.followers"))
                .isEqualTo(KeySlot.of("user1000"));
        assertThat(KeySlot.of("foo{}{bar}")).as("empty tag: the whole key").isEqualTo(crcSlot("foo{}{bar}"));
        assertThat(KeySlot.of("foo{{bar}}zap")).as("tag is '{bar'").isEqualTo(crcSlot("{bar"));
        assertThat(KeySlot.of("foo{bar}{zap}")).as("first tag only").isEqualTo(KeySlot.of("bar"));
        assertThat(KeySlot.of("foo{bar")).as("no closing brace").isEqualTo(crcSlot("foo{bar"));
    }

    @Test
    void agreesWithAnIndependentImplementationOnBinaryKeys() {
        byte[] key = new byte[64];
        for (int i = 0; i < 2000; i++) {
            new java.util.Random(i).nextBytes(key);
            assertThat(KeySlot.of(key)).isEqualTo(JedisClusterCRC16.getSlot(key));
        }
    }

    private static int crcSlot(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return KeySlot.crc16(bytes, 0, bytes.length) % KeySlot.SLOTS;
    }
}
