package dev.redismigrate.redisio.lock;

import dev.redismigrate.core.elasticache.ElastiCacheException;
import dev.redismigrate.core.retry.Backoff;
import dev.redismigrate.core.retry.Retry;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * How the cloud locks pace the ElastiCache API. A change returns while the resource is still "modifying" for a minute
 * or two, and a call made meanwhile is refused (InvalidXxxState) or throttled: such a call is made again, and a
 * change is waited for by describing again, both after {@link Backoff} steps and within one time bound. Tests pass a
 * short bound and quick steps.
 */
public final class CloudPacing {
    private final Backoff backoff;
    private final Duration bound;
    private final Retry.Sleeper sleeper;

    public CloudPacing(Backoff backoff, Duration bound, Retry.Sleeper sleeper) {
        this.backoff = backoff;
        this.bound = bound;
        this.sleeper = sleeper;
    }

    /**
     * The service: {@link Backoff#API} steps, 10 minutes for a change to settle (it usually takes one or two). Under
     * Lambda's 15-minute limit, so that a lock or unlock function that waited in vain still ends with its own error
     * (recorded in the task) instead of being cut off.
     */
    public static CloudPacing production() {
        return new CloudPacing(Backoff.API, Duration.ofMinutes(10), Retry.Sleeper.REAL);
    }

    /**
     * Makes the call, again while the service refuses it for a reason that passes. A final refusal becomes a
     * {@link TargetLockException} saying {@code "cannot <action>: <the service's message>"}.
     */
    <T> T call(String action, Supplier<T> call) {
        try {
            return withinBound(e -> false, call);
        } catch (ElastiCacheException e) {
            throw refused(action, e);
        }
    }

    void run(String action, Runnable call) {
        call(action, () -> {
            call.run();
            return null;
        });
    }

    /** Describes again (through {@code reached}) until {@code state} is reached, or fails naming it. */
    void await(String state, BooleanSupplier reached) {
        try {
            withinBound(e -> e instanceof NotYet, () -> {
                if (!reached.getAsBoolean()) {
                    throw new NotYet();
                }
                return null;
            });
        } catch (NotYet e) {
            throw new TargetLockException("waited " + readable(bound) + " and still not " + state
                    + "; look at these resources in the ElastiCache console, then retry");
        } catch (ElastiCacheException e) {
            throw refused("wait until " + state, e);
        }
    }

    private <T> T withinBound(Predicate<RuntimeException> alsoAgain, Supplier<T> action) {
        return Retry.forDuration(backoff, bound, sleeper, System::nanoTime)
                .call(e -> alsoAgain.test(e) || passing(e), action);
    }

    private static TargetLockException refused(String action, ElastiCacheException e) {
        return new TargetLockException("cannot " + action + ": " + e.getMessage() + " (" + e.errorCode() + ")", e);
    }

    private static String readable(Duration duration) {
        if (duration.toMinutes() > 0) {
            return duration.toMinutes() + " min";
        }
        return duration.toSeconds() > 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static boolean passing(RuntimeException e) {
        return e instanceof ElastiCacheException failure && failure.kind().retryable();
    }

    /** The state waited for is not there yet (a signal within {@link #await}, never thrown out of it). */
    private static final class NotYet extends RuntimeException {
        NotYet() {
            super(null, null, false, false);
        }
    }
}
