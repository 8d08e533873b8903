package dev.redismigrate.core.verify;

import dev.redismigrate.core.progress.CheckpointKey;
import java.util.List;

/**
 * What a verification compares and how gently.
 *
 * @param dbs the databases to compare; empty = every database that holds keys on either side
 * @param sampleSize in {@link VerifyMode#SAMPLE}, how many random keys are drawn from each side
 * @param rateOpsPerSecond at most this many commands per second to each server; 0 = unlimited
 * @param ttlToleranceMillis two TTLs further apart than this are a difference (they are read at slightly different
 *                           moments, and a replicated expire lands a little later)
 * @param maxRounds how many times a difference is looked at before it is reported (1 = no re-check); on a live
 *                  source, differences caused by replication lag vanish in a later round
 * @param roundDelayMillis the pause before each re-check round
 * @param maxShown at most this many differences are listed in the report; all are counted
 * @param ignoredKeyPrefix keys starting with this are skipped on both sides and not counted; null = none
 */
public record VerifyOptions(
        VerifyMode mode,
        List<Integer> dbs,
        int sampleSize,
        int rateOpsPerSecond,
        long ttlToleranceMillis,
        int maxRounds,
        long roundDelayMillis,
        int maxShown,
        String ignoredKeyPrefix) {

    /** Keys redis-migrate itself writes on the target (e.g. the sync checkpoint); never the user's data. */
    public static final String INTERNAL_KEY_PREFIX = CheckpointKey.INTERNAL_PREFIX;

    public VerifyOptions {
        if (mode == null) {
            throw new IllegalArgumentException("verification mode is missing");
        }
        dbs = dbs == null ? List.of() : List.copyOf(dbs);
        for (int db : dbs) {
            if (db < 0) {
                throw new IllegalArgumentException("database " + db + " is negative");
            }
        }
        requireAtLeast("sample size", sampleSize, 1);
        requireAtLeast("rate", rateOpsPerSecond, 0);
        requireAtLeast("TTL tolerance", ttlToleranceMillis, 0);
        requireAtLeast("rounds", maxRounds, 1);
        requireAtLeast("round delay", roundDelayMillis, 0);
        requireAtLeast("max shown", maxShown, 0);
        ignoredKeyPrefix = ignoredKeyPrefix == null || ignoredKeyPrefix.isEmpty() ? null : ignoredKeyPrefix;
    }

    /**
     * Counts and 1000 sampled keys per side, every database, 20,000 commands/s per server, TTLs within 2 s, up to 3
     * rounds 1 s apart, 100 differences listed, redis-migrate's own keys ignored. This is the check before finish.
     */
    public static VerifyOptions defaults() {
        return new VerifyOptions(VerifyMode.SAMPLE, List.of(), 1000, 20_000, 2000, 3, 1000, 100, INTERNAL_KEY_PREFIX);
    }

    public boolean includesDb(int db) {
        return dbs.isEmpty() || dbs.contains(db);
    }

    public VerifyOptions withMode(VerifyMode m) {
        return new VerifyOptions(m, dbs, sampleSize, rateOpsPerSecond, ttlToleranceMillis, maxRounds, roundDelayMillis, maxShown, ignoredKeyPrefix);
    }

    public VerifyOptions withDbs(List<Integer> d) {
        return new VerifyOptions(mode, d, sampleSize, rateOpsPerSecond, ttlToleranceMillis, maxRounds, roundDelayMillis, maxShown, ignoredKeyPrefix);
    }

    public VerifyOptions withSampleSize(int n) {
        return new VerifyOptions(mode, dbs, n, rateOpsPerSecond, ttlToleranceMillis, maxRounds, roundDelayMillis, maxShown, ignoredKeyPrefix);
    }

    public VerifyOptions withRate(int opsPerSecond) {
        return new VerifyOptions(mode, dbs, sampleSize, opsPerSecond, ttlToleranceMillis, maxRounds, roundDelayMillis, maxShown, ignoredKeyPrefix);
    }

    public VerifyOptions withTtlTolerance(long millis) {
        return new VerifyOptions(mode, dbs, sampleSize, rateOpsPerSecond, millis, maxRounds, roundDelayMillis, maxShown, ignoredKeyPrefix);
    }

    public VerifyOptions withRounds(int rounds, long delayMillis) {
        return new VerifyOptions(mode, dbs, sampleSize, rateOpsPerSecond, ttlToleranceMillis, rounds, delayMillis, maxShown, ignoredKeyPrefix);
    }

    public VerifyOptions withMaxShown(int n) {
        return new VerifyOptions(mode, dbs, sampleSize, rateOpsPerSecond, ttlToleranceMillis, maxRounds, roundDelayMillis, n, ignoredKeyPrefix);
    }

    public VerifyOptions withIgnoredKeyPrefix(String prefix) {
        return new VerifyOptions(mode, dbs, sampleSize, rateOpsPerSecond, ttlToleranceMillis, maxRounds, roundDelayMillis, maxShown, prefix);
    }

    private static void requireAtLeast(String what, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(what + " must be at least " + min + ", not " + value);
        }
    }
}
