package dev.redismigrate.core.store;

import dev.redismigrate.core.port.TargetClaim;
import dev.redismigrate.core.port.TargetClaimedException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link TargetClaim} in memory: for unit tests of the use cases and for a single local process. */
public final class InMemoryTargetClaim implements TargetClaim {
    private final Map<String, String> holders = new ConcurrentHashMap<>();

    @Override
    public void claim(String targetAddress, String taskId) {
        String holder = holders.putIfAbsent(targetAddress, taskId);
        if (holder != null && !holder.equals(taskId)) {
            throw new TargetClaimedException(targetAddress, holder);
        }
    }

    @Override
    public void release(String targetAddress, String taskId) {
        holders.remove(targetAddress, taskId);
    }

    @Override
    public Optional<String> holder(String targetAddress) {
        return Optional.ofNullable(holders.get(targetAddress));
    }
}
