package dev.redismigrate.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {
    private final List<Duration> pauses = new ArrayList<>();
    private final Retry retry = new Retry(Backoff.API, 3, pauses::add);

    @Test
    void retriesARetryableFailureAfterABackoffUntilItSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        String result = retry.call(e -> true, () -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(pauses).hasSize(2);
        assertThat(pauses.get(1)).isGreaterThan(pauses.get(0).minusMillis(1));
    }

    @Test
    void throwsTheLastFailureWhenTheAttemptsRunOut() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retry.run(e -> true, () -> {
            throw new IllegalStateException("failure " + calls.incrementAndGet());
        })).hasMessage("failure 3");
    }

    @Test
    void doesNotRetryAFailureThatIsNotRetryable() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retry.run(e -> false, () -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("bad input");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(calls).hasValue(1);
        assertThat(pauses).isEmpty();
    }
}
