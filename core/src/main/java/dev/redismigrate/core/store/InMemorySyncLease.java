package dev.redismigrate.core.store;

import dev.redismigrate.core.port.SyncLease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link SyncLease} in memory, for tests of the sync container and of the workflow. */
public final class InMemorySyncLease implements SyncLease {
    private record Held(String runId, Instant until) {
    }

    private final Map<String, Held> leases = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemorySyncLease(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean take(String syncKey, String runId, Duration ttl) {
        Instant now = clock.instant();
        Held held = leases.compute(syncKey, (id, current) ->
                current == null || current.runId().equals(runId) || !current.until().isAfter(now)
                        ? new Held(runId, now.plus(ttl)) : current);
        return held.runId().equals(runId);
    }

    @Override
    public boolean renew(String syncKey, String runId, Duration ttl) {
        Instant now = clock.instant();
        Held held = leases.computeIfPresent(syncKey, (id, current) ->
                current.runId().equals(runId) ? new Held(runId, now.plus(ttl)) : current);
        return held != null && held.runId().equals(runId);
    }

    @Override
    public void release(String syncKey, String runId) {
        leases.computeIfPresent(syncKey, (id, current) -> current.runId().equals(runId) ? null : current);
    }
}
