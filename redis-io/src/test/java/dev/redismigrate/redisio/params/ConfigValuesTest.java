package dev.redismigrate.redisio.params;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigValuesTest {
    private static final String LIMITS = "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60";

    @Test
    void recordsOnlyTheRequestedClassesInTheRequestedNames() {
        assertThat(ConfigValues.previous("client-output-buffer-limit", "replica 1gb 512mb 120", LIMITS))
                .contains("replica 268435456 67108864 60");
        assertThat(ConfigValues.previous("client-output-buffer-limit", "pubsub 0 0 0 slave 1 1 1", LIMITS))
                .contains("pubsub 33554432 8388608 60 slave 268435456 67108864 60");
    }

    @Test
    void aLimitWithoutAKnownClassCannotBeUsed() {
        assertThat(ConfigValues.previous("client-output-buffer-limit", "1gb 512mb 120", LIMITS)).isEmpty();
        assertThat(ConfigValues.previous("client-output-buffer-limit", "replicas 1gb 512mb 120", LIMITS)).isEmpty();
    }

    @Test
    void sendsTheClassNameEveryVersionKnowsAndSizesInBytes() {
        assertThat(ConfigValues.forConfigSet("client-output-buffer-limit", "replica 1gb 512mb 120"))
                .isEqualTo("slave 1073741824 536870912 120");
        assertThat(ConfigValues.forConfigSet("repl-backlog-size", "256mb")).isEqualTo("268435456");
        assertThat(ConfigValues.forConfigSet("repl-backlog-size", "1k")).isEqualTo("1000");
        assertThat(ConfigValues.forConfigSet("repl-timeout", "600")).isEqualTo("600");
        assertThat(ConfigValues.forConfigSet("repl-diskless-sync", "yes")).isEqualTo("yes");
    }

    @Test
    void otherParametersAreRecordedAsTheyAre() {
        assertThat(ConfigValues.previous("save", "", "3600 1 300 100")).contains("3600 1 300 100");
    }
}
