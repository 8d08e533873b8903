package dev.redismigrate.core.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AclUserTest {
    @Test
    void splitsRulesAndKeepsEachSelectorWhole() {
        AclUser carol = AclUser.parse("user carol on #2d71 %R~r* resetchannels -@all +get"
                + " (~sel* resetchannels -@all +set +get) (%W~w* resetchannels -@all +@write)");

        assertThat(carol.name()).isEqualTo("carol");
        assertThat(carol.rules()).containsExactly("on", "#2d71", "%R~r*", "resetchannels", "-@all", "+get",
                "(~sel* resetchannels -@all +set +get)", "(%W~w* resetchannels -@all +@write)");
        assertThat(carol.hasSelectors()).isTrue();
    }

    @Test
    void readsA62LineWithoutSelectors() {
        AclUser user = AclUser.parse("user default on nopass ~* &* +@all");

        assertThat(user.name()).isEqualTo("default");
        assertThat(user.rules()).containsExactly("on", "nopass", "~*", "&*", "+@all");
        assertThat(user.hasSelectors()).isFalse();
    }

    @Test
    void aMalformedLineIsRefusedWithoutShowingItsHashes() {
        assertThatThrownBy(() -> AclUser.parse("nope x #abcdef"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nope x ...'")
                .hasMessageNotContaining("abcdef");
    }
}
