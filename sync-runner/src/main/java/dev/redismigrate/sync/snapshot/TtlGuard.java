package dev.redismigrate.sync.snapshot;

/**
 * The fix for the TTL gap (a known flaw of full+incremental sync tools, e.g. RedisShake #244): a key of the snapshot
 * whose expiry passes while the snapshot is still being applied, but which the source renews before it expires there,
 * would be dropped by the target ({@code RESTORE ... ABSTTL} of a past time creates nothing) or expired by the target
 * before the renewal arrives, and the renewal then finds no key.
 *
 * <p>The source propagates a {@code DEL} for every key it expires itself, so the target need not expire anything on
 * its own until it has caught up. So while catching up, every absolute expiry closer than {@link #HORIZON_MS} is
 * written {@link #PUSH_MS} (about a century) later than the source's. Once the stream has caught up (lag 0),
 * {@code TtlRestorer} scans the target and moves every expiry that lies in the pushed window back by exactly
 * {@link #PUSH_MS}: keys the stream renewed, persisted, rewrote or deleted in between are no longer in that window and
 * are left alone. Because the mark lives in the TTL itself, the repair needs no local state and survives a restart.
 *
 * <p>What it cannot tell apart: a key the source itself gave an expiry a century ahead, inside the pushed window.
 */
public final class TtlGuard {
    public static final long DAY_MS = 86_400_000L;
    /** How far a guarded expiry is pushed: 100 years. */
    public static final long PUSH_MS = 36_525L * DAY_MS;
    /** Expiries further out than this cannot pass while we catch up and are written as they are. */
    public static final long HORIZON_MS = 366L * DAY_MS;
    /**
     * Keys the source had already expired (but not yet reclaimed) when it took the snapshot, and syncs that took long
     * to catch up, carry guarded expiries this far before the repair.
     */
    private static final long PAST_SLACK_MS = 60L * DAY_MS;

    private TtlGuard() {
    }

    /** The expiry to write while catching up. */
    public static long guarded(long expireAtMs, long nowMs) {
        return expireAtMs < nowMs + HORIZON_MS ? expireAtMs + PUSH_MS : expireAtMs;
    }

    /** Lowest expiry a guarded key can carry at {@code nowMs}. */
    public static long windowStart(long nowMs) {
        return nowMs - PAST_SLACK_MS + PUSH_MS;
    }

    /** Highest expiry a guarded key can carry, for guards applied up to {@code nowMs}. */
    public static long windowEnd(long nowMs) {
        return nowMs + HORIZON_MS + PUSH_MS;
    }
}
