package dev.redismigrate.core.verify;

import dev.redismigrate.core.progress.CheckpointKey;
import java.util.List;

/**
 * What a verification compares and how gently.
 *
 * @param dbs the databases to compare; empty = every database that holds keys on either side
 * @param sampleSize in {@link VerifyMode#SAMPLE}, how many random keys are drawn from each side
 * @param rateKeysPerSecond at most this many keys per second read from each server; 0 = unlimited. A key compared
 *                          counts one on each side, and so does each other command a pass sends (a SCAN page, the
 *                          presence check of a page of target keys, a piece of a big value): about the work of one
 *                          small key. Keys rather than commands because that is what a user plans with (1M keys at
 *                          20,000 keys/s take 50 s), whatever the commands a key takes on its path
 * @param ttlToleranceMillis two TTLs further apart than this are a difference (they are read at slightly different
 *                           moments, and a replicated expire lands a little later)
 * @param maxRounds how many times a difference is looked at before it is reported (1 = no re-check); on a live
 *                  source, differences caused by replication lag vanish in a later round
 * @param roundDelayMillis the pause before each re-check round
 * @param maxShown at most this many differences are listed in the report; all are counted
 * @param ignoredKeyPrefix keys starting with this are skipped on both sides and not counted; null = none
 * @param knownIgnoredKeys keys under the ignored prefix that the caller knows may exist (the task's checkpoint): they
 *                         are looked up one by one, so counts stay a few commands whatever the size; other keys
 *                         under the prefix are looked for (a SCAN of the database) only where the counts disagree
 */
public record VerifyOptions(
        VerifyMode mode,
        List<Integer> dbs,
        int sampleSize,
        int rateKeysPerSecond,
        long ttlToleranceMillis,
        int maxRounds,
        long roundDelayMillis,
        int maxShown,
        String ignoredKeyPrefix,
        List<String> knownIgnoredKeys) {

    /** Keys redis-migrate itself writes on the target (e.g. the sync checkpoint); never the user's data. */
    public static final String INTERNAL_KEY_PREFIX = CheckpointKey.INTERNAL_PREFIX;
    /**
     * Keys per second read from each server unless told otherwise. About 3 small reads per key (PTTL, MEMORY USAGE,
     * DUMP) when the values are equal: some 60,000 cheap commands/s, a fraction of one Redis core, the application
     * interleaved between pipelined batches; 1M keys take under a minute.
     */
    public static final int DEFAULT_RATE = 20_000;

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
        requireAtLeast("rate", rateKeysPerSecond, 0);
        requireAtLeast("TTL tolerance", ttlToleranceMillis, 0);
        requireAtLeast("rounds", maxRounds, 1);
        requireAtLeast("round delay", roundDelayMillis, 0);
        requireAtLeast("max shown", maxShown, 0);
        ignoredKeyPrefix = ignoredKeyPrefix == null || ignoredKeyPrefix.isEmpty() ? null : ignoredKeyPrefix;
        knownIgnoredKeys = knownIgnoredKeys == null || ignoredKeyPrefix == null ? List.of() : List.copyOf(knownIgnoredKeys);
        for (String key : knownIgnoredKeys) {
            if (!key.startsWith(ignoredKeyPrefix)) {
                throw new IllegalArgumentException("key " + key + " is not under the ignored prefix " + ignoredKeyPrefix);
            }
        }
    }

    /**
     * Counts and 1000 sampled keys per side, every database, 20,000 keys/s per server, TTLs within 2 s, up to 3
     * rounds 1 s apart, 100 differences listed, redis-migrate's own keys ignored. This is the check before finish.
     */
    public static VerifyOptions defaults() {
        return new VerifyOptions(VerifyMode.SAMPLE, List.of(), 1000, DEFAULT_RATE, 2000, 3, 1000, 100, INTERNAL_KEY_PREFIX,
                List.of());
    }

    public boolean includesDb(int db) {
        return dbs.isEmpty() || dbs.contains(db);
    }

    public VerifyOptions withMode(VerifyMode m) {
        return new VerifyOptions(m, dbs, sampleSize, rateKeysPerSecond, ttlToleranceMillis, maxRounds, roundDelayMillis, maxShown, ignoredKeyPrefix, knownIgnoredKeys);
    }

    public VerifyOptions withDbs(List<Integer> d) {
        return new VerifyOptions(mode, d, sampleSize, rateKeysPerSecond, ttlToleranceMillis, maxRounds, roundDelayMillis, maxShown, ignoredKeyPrefix, knownIgnoredKeys);
    }

    public VerifyOptions withSampleSize(int n) {
        return new VerifyOptions(mode, dbs, n, rateKeysPerSecond, ttlToleranceMillis, maxRounds, roundDelayMillis, maxShown, ignoredKeyPrefix, knownIgnoredKeys);
    }

    public VerifyOptions withRate(int keysPerSecond) {
        return new VerifyOptions(mode, dbs, sampleSize, keysPerSecond, ttlToleranceMillis, maxRounds, roundDelayMillis, maxShown, ignoredKeyPrefix, knownIgnoredKeys);
    }

    public VerifyOptions withTtlTolerance(long millis) {
        return new VerifyOptions(mode, dbs, sampleSize, rateKeysPerSecond, millis, maxRounds, roundDelayMillis, maxShown, ignoredKeyPrefix, knownIgnoredKeys);
    }

    public VerifyOptions withRounds(int rounds, long delayMillis) {
        return new VerifyOptions(mode, dbs, sampleSize, rateKeysPerSecond, ttlToleranceMillis, rounds, delayMillis, maxShown, ignoredKeyPrefix, knownIgnoredKeys);
    }

    public VerifyOptions withMaxShown(int n) {
        return new VerifyOptions(mode, dbs, sampleSize, rateKeysPerSecond, ttlToleranceMillis, maxRounds, roundDelayMillis, n, ignoredKeyPrefix, knownIgnoredKeys);
    }

    public VerifyOptions withIgnoredKeyPrefix(String prefix) {
        return new VerifyOptions(mode, dbs, sampleSize, rateKeysPerSecond, ttlToleranceMillis, maxRounds, roundDelayMillis, maxShown, prefix, knownIgnoredKeys);
    }

    public VerifyOptions withKnownIgnoredKeys(List<String> keys) {
        return new VerifyOptions(mode, dbs, sampleSize, rateKeysPerSecond, ttlToleranceMillis, maxRounds, roundDelayMillis, maxShown, ignoredKeyPrefix, keys);
    }

    private static void requireAtLeast(String what, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(what + " must be at least " + min + ", not " + value);
        }
    }
}
