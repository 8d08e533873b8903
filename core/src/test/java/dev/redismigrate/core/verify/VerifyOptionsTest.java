package dev.redismigrate.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerifyOptionsTest {
    @Test
    void defaultsAreTheCheckBeforeFinish() {
        VerifyOptions options = VerifyOptions.defaults();

        assertThat(options.mode()).isEqualTo(VerifyMode.SAMPLE);
        assertThat(options.ttlToleranceMillis()).isEqualTo(2000);
        assertThat(options.maxRounds()).isEqualTo(3);
        assertThat(options.ignoredKeyPrefix()).isEqualTo("__redis-migrate:");
        assertThat(options.includesDb(15)).isTrue();
    }

    @Test
    void databasesNarrowTheScope() {
        VerifyOptions options = VerifyOptions.defaults().withDbs(List.of(0, 3));

        assertThat(options.includesDb(3)).isTrue();
        assertThat(options.includesDb(1)).isFalse();
    }

    @Test
    void impossibleValuesAreRefusedWithAReason() {
        assertThatThrownBy(() -> VerifyOptions.defaults().withRounds(0, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("rounds must be at least 1, not 0");
        assertThatThrownBy(() -> VerifyOptions.defaults().withRate(-1)).hasMessage("rate must be at least 0, not -1");
        assertThatThrownBy(() -> VerifyOptions.defaults().withDbs(List.of(-2))).hasMessage("database -2 is negative");
        assertThatThrownBy(() -> VerifyMode.parse("everything"))
                .hasMessage("unknown verification mode 'everything'; use counts, sample or full");
    }

    @Test
    void anEmptyPrefixIgnoresNothing() {
        assertThat(VerifyOptions.defaults().withIgnoredKeyPrefix("").ignoredKeyPrefix()).isNull();
        assertThat(VerifyOptions.defaults().withKnownIgnoredKeys(List.of("__redis-migrate:x")).withIgnoredKeyPrefix("")
                .knownIgnoredKeys()).isEmpty();
    }

    @Test
    void aKnownIgnoredKeyMustBeUnderTheIgnoredPrefix() {
        assertThat(VerifyOptions.defaults().withKnownIgnoredKeys(List.of("__redis-migrate:checkpoint:t")).knownIgnoredKeys())
                .containsExactly("__redis-migrate:checkpoint:t");
        assertThatThrownBy(() -> VerifyOptions.defaults().withKnownIgnoredKeys(List.of("user:1")))
                .hasMessage("key user:1 is not under the ignored prefix __redis-migrate:");
    }
}
