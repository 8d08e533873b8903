package dev.redismigrate.core.port;

import dev.redismigrate.core.lock.LockStrategy;
import java.util.EnumMap;
import java.util.Map;

/**
 * The {@link TargetLock} adapters a composition can carry out, one per {@link LockStrategy}. The lock step takes the
 * strategy validation chose; unlock and regrant take the one the stored record names, so a record is always undone
 * by the adapter that made it.
 */
public final class TargetLocks {
    private final Map<LockStrategy, TargetLock> byStrategy;

    private TargetLocks(Map<LockStrategy, TargetLock> byStrategy) {
        this.byStrategy = byStrategy;
    }

    /** Only the ACL lock (a composition without a cloud API). */
    public static TargetLocks aclOnly(TargetLock acl) {
        return builder().with(LockStrategy.ACL, acl).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean supports(LockStrategy strategy) {
        return strategy == LockStrategy.NONE || byStrategy.containsKey(strategy);
    }

    /** The adapter for {@code strategy}; {@link LockStrategy#NONE} has none and is not asked for. */
    public TargetLock forStrategy(LockStrategy strategy) {
        TargetLock lock = byStrategy.get(strategy);
        if (lock == null) {
            throw new IllegalStateException("this installation cannot lock a target with the '" + strategy.id()
                    + "' strategy; validate the task again where it can (e.g. the deployed functions for ElastiCache)");
        }
        return lock;
    }

    public static final class Builder {
        private final Map<LockStrategy, TargetLock> byStrategy = new EnumMap<>(LockStrategy.class);

        public Builder with(LockStrategy strategy, TargetLock lock) {
            if (strategy == LockStrategy.NONE) {
                throw new IllegalArgumentException("the 'none' strategy has no adapter");
            }
            byStrategy.put(strategy, lock);
            return this;
        }

        public TargetLocks build() {
            return new TargetLocks(Map.copyOf(byStrategy));
        }
    }
}
