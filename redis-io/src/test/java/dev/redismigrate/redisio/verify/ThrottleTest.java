package dev.redismigrate.redisio.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ThrottleTest {
    private final ManualTicker ticker = new ManualTicker();

    @Test
    void withoutALimitNothingWaits() {
        Throttle throttle = new Throttle(0, ticker);

        for (int i = 0; i < 1000; i++) {
            throttle.acquire(2000);
        }

        assertThat(ticker.secondsSlept()).isZero();
    }

    @Test
    void keysGoOutAtTheRateOnceTheBurstIsSpent() {
        Throttle throttle = new Throttle(1000, ticker);

        for (int i = 0; i < 50; i++) {
            throttle.acquire(100);
        }

        // 5000 keys at 1000 a second: the first batch at once, every later one in its slot
        assertThat(ticker.secondsSlept()).isCloseTo(4.9, within(1e-6));
    }

    @Test
    void idleTimeBuysAtMostATenthOfASecondOfKeysAtOnce() {
        Throttle throttle = new Throttle(1000, ticker);
        ticker.advance(10_000_000_000L);

        throttle.acquire(100); // a tenth of a second's worth, saved while idle
        throttle.acquire(100); // the slot of this instant
        assertThat(ticker.secondsSlept()).isZero();
        throttle.acquire(1);

        assertThat(ticker.secondsSlept()).isCloseTo(0.1, within(1e-6));
    }

    @Test
    void aBatchBiggerThanTheBurstGoesOutWholeAndTheNextOneWaitsForIt() {
        Throttle throttle = new Throttle(1000, ticker);

        throttle.acquire(5000);
        assertThat(ticker.secondsSlept()).isZero();
        throttle.acquire(1);

        assertThat(ticker.secondsSlept()).isCloseTo(5.0, within(1e-6));
    }

    @Test
    void connectionsSharingOneThrottleShareOneRate() {
        Throttle shared = new Throttle(1000, ticker);

        for (int i = 0; i < 20; i++) {
            shared.acquire(100); // one connection
            shared.acquire(100); // another
        }

        assertThat(ticker.secondsSlept()).isCloseTo(3.9, within(1e-6));
    }
}
