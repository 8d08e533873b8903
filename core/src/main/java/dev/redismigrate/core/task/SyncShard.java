package dev.redismigrate.core.task;

/**
 * One of a task's syncs, an item of the state machine's RunSync Map: a primary shard of a Redis Cluster source (its
 * id is its first slot range, as the engine names the shard's checkpoint {@code <task>/<id>}), or the whole source
 * when it is not a cluster ({@link #WHOLE}, every field null), which runs exactly as a task without shards.
 *
 * @param id    the shard's first slot range, e.g. {@code 0-5460}; null for the whole source
 * @param node  the primary serving the shard when the task was validated, {@code host:port}
 * @param slots every slot range the primary served then, e.g. {@code 0-5460,10923}
 */
public record SyncShard(String id, String node, String slots) {
    public static final SyncShard WHOLE = new SyncShard(null, null, null);

    /** Whether this is the whole source (no shard). */
    public boolean whole() {
        return id == null;
    }

    /**
     * The name of this sync among the task's: the task id for the whole source, {@code <task>/<shard id>} for a shard.
     * Task tokens, sync leases and containers are kept per sync under it.
     */
    public String syncKey(String taskId) {
        return whole() ? taskId : taskId + "/" + id;
    }
}
