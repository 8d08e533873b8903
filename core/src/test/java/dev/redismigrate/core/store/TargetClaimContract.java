package dev.redismigrate.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.port.TargetClaim;
import dev.redismigrate.core.port.TargetClaimedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What every {@link TargetClaim} must do; shared with other modules through core's test-jar. */
@Timeout(60)
public abstract class TargetClaimContract {
    private static final String TARGET = "10.0.0.7:6379";

    protected TargetClaim claims;

    /** A new claim registry with nothing claimed. */
    protected abstract TargetClaim newClaims() throws Exception;

    @BeforeEach
    void freshClaims() throws Exception {
        claims = newClaims();
    }

    @Test
    void oneTaskAtATime() {
        claims.claim(TARGET, "task-a");
        assertThatThrownBy(() -> claims.claim(TARGET, "task-b"))
                .isInstanceOf(TargetClaimedException.class)
                .hasMessageContaining("task-a")
                .extracting(e -> ((TargetClaimedException) e).holderTaskId()).isEqualTo("task-a");
        assertThat(claims.holder(TARGET)).contains("task-a");
    }

    @Test
    void claimingAgainForTheSameTaskIsHarmless() {
        claims.claim(TARGET, "task-a");
        claims.claim(TARGET, "task-a");
        assertThat(claims.holder(TARGET)).contains("task-a");
    }

    @Test
    void onlyTheHolderReleases() {
        claims.claim(TARGET, "task-a");
        claims.release(TARGET, "task-b");
        assertThat(claims.holder(TARGET)).contains("task-a");
        claims.release(TARGET, "task-a");
        claims.release(TARGET, "task-a");
        assertThat(claims.holder(TARGET)).isEmpty();
        claims.claim(TARGET, "task-b");
        assertThat(claims.holder(TARGET)).contains("task-b");
    }

    @Test
    void targetsAreIndependent() {
        claims.claim(TARGET, "task-a");
        claims.claim("10.0.0.8:6379", "task-b");
        assertThat(claims.holder("10.0.0.8:6379")).contains("task-b");
        assertThat(claims.holder("10.0.0.9:6379")).isEmpty();
    }
}
