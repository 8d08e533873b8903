package dev.redismigrate.core.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisUriTest {
    @Test
    void parsesUserPasswordHostPort() {
        RedisEndpoint e = RedisUri.parse("redis://app:p%40ss@cache.local:7000");
        assertThat(e.host()).isEqualTo("cache.local");
        assertThat(e.port()).isEqualTo(7000);
        assertThat(e.username()).isEqualTo("app");
        assertThat(e.tls()).isFalse();
        assertThat(new LocalSecretResolver().resolve(e.password())).contains("p@ss");
        assertThat(e.toString()).doesNotContain("p@ss").isEqualTo("redis://app@cache.local:7000");
    }

    @Test
    void passwordOnlyMeansDefaultUserAndTlsScheme() {
        RedisEndpoint e = RedisUri.parse("rediss://:secret@10.0.0.1");
        assertThat(e.username()).isNull();
        assertThat(e.port()).isEqualTo(6379);
        assertThat(e.tls()).isTrue();
    }

    @Test
    void badInputGivesOneLineWithoutThePassword() {
        assertThatThrownBy(() -> RedisUri.parse("http://u:secret@h:1")).isInstanceOf(InvalidRedisUriException.class)
                .hasMessageContaining("unsupported scheme").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> RedisUri.parse("redis://u:secret@h:99999")).isInstanceOf(InvalidRedisUriException.class)
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> RedisUri.parse("redis://h:1/3")).hasMessageContaining("database number");
    }

    @Test
    void referencesRoundTrip() {
        for (String ref : new String[] {"none", "env:X", "file:/tmp/p", "arn:aws:secretsmanager:eu-west-1:1:secret:s"}) {
            assertThat(SecretRef.parse(ref).reference()).isEqualTo(ref);
        }
        SecretRef inline = RedisUri.parse("redis://:pw@h:1").password();
        SecretRef readBack = SecretRef.parse(inline.reference());
        assertThat(readBack.reference()).isEqualTo(inline.reference()).doesNotContain("pw");
        assertThat(new LocalSecretResolver().resolve(readBack)).contains("pw");
        assertThatThrownBy(() -> new LocalSecretResolver().resolve(SecretRef.parse("process:unknown")))
                .isInstanceOf(SecretUnavailableException.class).hasMessageContaining("give it again");
    }
}
