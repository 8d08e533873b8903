package dev.redismigrate.redisio.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.elasticache.ElastiCacheException;
import dev.redismigrate.core.elasticache.ElastiCacheException.Kind;
import dev.redismigrate.core.retry.Backoff;
import dev.redismigrate.core.retry.Retry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CloudPacingTest {
    private final CloudPacing pacing = new CloudPacing(new Backoff(Duration.ofMillis(1), Duration.ofMillis(2)),
            Duration.ofMillis(300), Retry.Sleeper.REAL);
    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void aCallRefusedWhileSomethingIsModifyingIsMadeAgain() {
        String result = pacing.call("modify user app", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw failure(Kind.INVALID_STATE);
            }
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aFinalRefusalIsOneLineNamingTheActionAndTheServicesErrorCode() {
        assertThatThrownBy(() -> pacing.run("modify user app", () -> {
            attempts.incrementAndGet();
            throw failure(Kind.ACCESS_DENIED);
        })).isInstanceOf(TargetLockException.class)
                .hasMessage("cannot modify user app: refused (ErrorCode)");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aRefusalThatLastsBeyondTheBoundEndsTheCall() {
        assertThatThrownBy(() -> pacing.run("modify user app", () -> {
            throw failure(Kind.TRANSIENT);
        })).isInstanceOf(TargetLockException.class).hasMessageStartingWith("cannot modify user app");
    }

    @Test
    void waitingEndsWhenTheStateIsReachedOrFailsAfterTheBound() {
        pacing.await("user app active", () -> attempts.incrementAndGet() == 3);
        assertThat(attempts).hasValue(3);

        assertThatThrownBy(() -> pacing.await("user app active", () -> false))
                .isInstanceOf(TargetLockException.class).hasMessageStartingWith("waited 300 ms and still not user app active");
    }

    private static ElastiCacheException failure(Kind kind) {
        return new ElastiCacheException(kind, "ErrorCode", "refused");
    }
}
