package dev.redismigrate.core.lock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadOnlyAccessTest {
    @Test
    void anEnabledUserKeepsItsPatternsAndCommandsAndLosesWriting() {
        assertThat(ReadOnlyAccess.of("on ~* &* +@all")).isEqualTo("on ~* &* +@all -@write");
        assertThat(ReadOnlyAccess.of("on ~app:* %R~audit:* resetchannels &news +get +set +@hash"))
                .isEqualTo("on ~app:* %R~audit:* resetchannels &news +get +set +@hash -@write");
    }

    @Test
    void aUserWithOnlyAFewCommandsGetsNoOtherCommands() {
        assertThat(ReadOnlyAccess.of("on ~cache:* -@all +get +mget")).isEqualTo("on ~cache:* -@all +get +mget -@write");
    }

    @Test
    void selectorsGoSinceTheyWouldStillAllowWriting() {
        assertThat(ReadOnlyAccess.of("on ~a:* +@read (~b:* +set +del) (%W~c:* +@all)"))
                .isEqualTo("on ~a:* +@read -@write");
    }

    @Test
    void spacesBetweenRulesDoNotMatter() {
        assertThat(ReadOnlyAccess.of("  on   ~*\t+@all ")).isEqualTo("on ~* +@all -@write");
    }

    @Test
    void aUserThatIsOffStaysAsItIs() {
        assertThat(ReadOnlyAccess.of("off ~* +@all")).isEqualTo("off ~* +@all");
        assertThat(ReadOnlyAccess.of("on ~* +@all off")).isEqualTo("on ~* +@all off");
        assertThat(ReadOnlyAccess.of("~* +@all")).isEqualTo("~* +@all");
    }

    @Test
    void theLastOfOnAndOffWins() {
        assertThat(ReadOnlyAccess.of("off on ~* +@all")).isEqualTo("off on ~* +@all -@write");
        assertThat(ReadOnlyAccess.enabled("off on ~* +@all")).isTrue();
        assertThat(ReadOnlyAccess.enabled("on ~* +@all off")).isFalse();
        assertThat(ReadOnlyAccess.enabled("~* +@all")).isFalse();
    }
}
