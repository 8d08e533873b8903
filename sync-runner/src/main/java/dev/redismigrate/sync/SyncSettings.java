package dev.redismigrate.sync;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Tuning of the engine; the defaults suit a migration, tests shrink them.
 *
 * @param spoolDir where snapshots and stream segments are kept (needs room for one RDB plus the unapplied stream)
 * @param queueBytes memory bound of the reader-to-writer queue
 * @param bigKeyBytes a list, set, sorted set or hash bigger than this is written as bounded type commands instead of
 *                    one {@code RESTORE}
 * @param reportEvery how often progress is reported and the control asked
 * @param giveUpAfter how long reconnecting may fail in a row before the sync gives up
 * @param connectTimeout per connection attempt
 */
public record SyncSettings(Path spoolDir, long queueBytes, long bigKeyBytes, Duration reportEvery,
                           Duration giveUpAfter, Duration connectTimeout) {
    public static SyncSettings defaults() {
        return new SyncSettings(Path.of(System.getProperty("java.io.tmpdir"), "redis-migrate-spool"),
                16L << 20, 16L << 20, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(5));
    }

    public SyncSettings withSpoolDir(Path dir) {
        return new SyncSettings(dir, queueBytes, bigKeyBytes, reportEvery, giveUpAfter, connectTimeout);
    }

    public SyncSettings withBigKeyBytes(long bytes) {
        return new SyncSettings(spoolDir, queueBytes, bytes, reportEvery, giveUpAfter, connectTimeout);
    }

    public SyncSettings withReportEvery(Duration every) {
        return new SyncSettings(spoolDir, queueBytes, bigKeyBytes, every, giveUpAfter, connectTimeout);
    }

    public SyncSettings withGiveUpAfter(Duration duration) {
        return new SyncSettings(spoolDir, queueBytes, bigKeyBytes, reportEvery, duration, connectTimeout);
    }
}
