package dev.redismigrate.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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

    @Test
    void aRetryBoundedInTimeGivesUpOnceTheFailuresInARowLastLongerThanThatTime() {
        AtomicLong now = new AtomicLong();
        List<Duration> slept = new ArrayList<>();
        Retry patient = Retry.forDuration(Backoff.RECONNECT, Duration.ofSeconds(10), pause -> {
            slept.add(pause);
            now.addAndGet(pause.toNanos());
        }, now::get);
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> patient.run(e -> true, () -> {
            throw new IllegalStateException("down " + calls.incrementAndGet());
        })).hasMessage("down " + calls.get());
        long waited = slept.stream().mapToLong(Duration::toNanos).sum();
        assertThat(waited).isGreaterThan(Duration.ofSeconds(10).toNanos());
        assertThat(waited - slept.get(slept.size() - 1).toNanos()).isLessThanOrEqualTo(Duration.ofSeconds(10).toNanos());
    }

    @Test
    void anAttemptThatProgressedStartsANewRowOfFailures() {
        AtomicLong now = new AtomicLong();
        Retry patient = Retry.forDuration(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)),
                Duration.ofSeconds(3), pause -> {
                    pauses.add(pause);
                    now.addAndGet(Duration.ofSeconds(2).toNanos());
                }, now::get);
        AtomicInteger calls = new AtomicInteger();
        String result = patient.callWithProgress(e -> true, attempt -> {
            int call = calls.incrementAndGet();
            if (call % 2 == 0) {
                attempt.progressed(); // every second session gets somewhere: two seconds apart, it never gives up
            }
            if (call < 10) {
                throw new IllegalStateException("lost the link");
            }
            return "finished";
        });
        assertThat(result).isEqualTo("finished");
        assertThat(pauses).hasSize(9);
    }

    @Test
    void theBackoffStartsFromItsFirstStepAfterAnAttemptThatProgressed() {
        Retry stepping = new Retry(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)), 10, pauses::add);
        AtomicInteger calls = new AtomicInteger();
        stepping.callWithProgress(e -> true, attempt -> {
            int call = calls.incrementAndGet();
            if (call == 3) {
                attempt.progressed();
            }
            if (call < 5) {
                throw new IllegalStateException("not yet");
            }
            return null;
        });
        // steps 1 s, 2 s, then (after the progress) 1 s, 2 s again; each pause lies in the upper half of its step
        assertThat(pauses).hasSize(4);
        assertThat(pauses.get(1)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(pauses.get(2)).isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(pauses.get(3)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theListenerHearsOfEveryFailureThatIsRetriedButNotOfTheLast() {
        List<String> heard = new ArrayList<>();
        Retry told = retry.withListener((failure, failures, pause) -> heard.add(failures + ": " + failure.getMessage()));
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> told.run(e -> true, () -> {
            throw new IllegalStateException("failure " + calls.incrementAndGet());
        })).hasMessage("failure 3");
        assertThat(heard).containsExactly("1: failure 1", "2: failure 2");
    }

    @Test
    void anInterruptedPauseThrowsTheLastFailureAndKeepsTheInterrupt() {
        Retry interrupted = new Retry(Backoff.API, 5, pause -> {
            throw new InterruptedException();
        });
        try {
            assertThatThrownBy(() -> interrupted.run(e -> true, () -> {
                throw new IllegalStateException("lost");
            })).hasMessage("lost");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
