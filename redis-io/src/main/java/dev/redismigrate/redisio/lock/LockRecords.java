package dev.redismigrate.redisio.lock;

import dev.redismigrate.core.task.LockRecord;

/** The record an adapter was given, as the kind that adapter makes. */
final class LockRecords {
    private LockRecords() {
    }

    static <T extends LockRecord> T as(Class<T> kind, LockRecord record) {
        if (kind.isInstance(record)) {
            return kind.cast(record);
        }
        throw new IllegalArgumentException("expected a " + kind.getSimpleName() + ", got "
                + (record == null ? "none" : "a " + record.strategy().id() + " lock record"));
    }
}
