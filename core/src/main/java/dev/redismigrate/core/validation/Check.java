package dev.redismigrate.core.validation;

/**
 * The validation catalogue: every check with its stable id (scripts, docs and the console refer to it) and what it
 * checks. docs/validation.md explains each one with its levels and remedy; a unit test keeps the two in step.
 */
public enum Check {
    SOURCE_REACHABLE("source.reachable", "the source host resolves, accepts a connection (TLS if rediss://) and answers in time"),
    SOURCE_SPEAKS_REDIS("source.speaks-redis", "the source port answers in the Redis protocol (not HTTP, SSH, ...)"),
    SOURCE_AUTH("source.auth", "the source accepts the given password / ACL user"),
    TARGET_REACHABLE("target.reachable", "the target host resolves, accepts a connection (TLS if rediss://) and answers in time"),
    TARGET_SPEAKS_REDIS("target.speaks-redis", "the target port answers in the Redis protocol (not HTTP, SSH, ...)"),
    TARGET_AUTH("target.auth", "the target accepts the given password / ACL user"),
    DISTINCT_INSTANCES("instances.distinct", "source and target are different servers (run_id)"),
    SOURCE_TOPOLOGY("source.topology", "the source is one server, or a Redis Cluster serving every slot whose every primary can be used"),
    TARGET_TOPOLOGY("target.topology", "the target is one server, or a Redis Cluster serving every slot whose every primary can be used"),
    TARGET_CLUSTER_WRITES("target.cluster-writes", "what a Redis Cluster target cannot apply as the source did: transactions and scripts over several slots, databases other than db0"),

    SOURCE_VERSION("source.version", "the source runs Redis 2.8 or later"),
    TARGET_VERSION("target.version", "the target runs Redis 5.0 or later (the engine's minimum) and is not older than the source"),
    TARGET_DATA_TYPES("target.data-types", "the target can hold every data type the source uses (streams, vector sets, hash-field TTLs)"),

    SOURCE_SYNC_ALLOWED("source.sync-allowed", "this user may run PSYNC (or at least SYNC) on the source: not renamed, not denied by ACL"),
    SOURCE_LOADING("source.loading", "the source is not loading its dataset"),
    SOURCE_ROLE("source.role", "the source is a master, or a replica connected to its master"),
    TARGET_ROLE("target.role", "the target is a writable master, not a replica"),

    TARGET_EMPTY("target.empty", "every database of the target is empty"),
    TARGET_PASSWORD("target.password", "the target has a password"),
    TARGET_MEMORY("target.memory", "the target's maxmemory holds the source's used_memory with 20% headroom"),
    TARGET_EVICTION("target.eviction", "the target cannot evict migrated keys: maxmemory-policy noeviction, or no maxmemory"),
    TARGET_DATABASES("target.databases", "the target has as many databases as the source uses"),
    TARGET_MODULES("target.modules", "every module loaded on the source is loaded on the target"),
    TARGET_LOCKABLE("target.lockable", "how the target will be locked against other writers (acl, elasticache-rbac, network-fence), or none only when accepted"),
    TARGET_NO_OTHER_MIGRATION("target.no-other-migration", "the target holds no user of another migration (a lock left by a task that crashed, or one still running), which the lock would refuse"),

    TASK_TARGET_FREE("task.target-free", "no other active task migrates into the same target"),
    TASK_PARAMETERS("task.parameters", "every source parameter of the task is known and in range"),
    TASK_SCHEDULE("task.schedule", "the scheduled start, if any, is in the future"),

    CLOUD_SOURCE_VM_RUNNING("cloud.source-vm-running", "the VM hosting the source is running (cloud mode)"),
    CLOUD_SOURCE_PRIVATE_IP("cloud.source-private-ip", "the source's private IP belongs to that VM (cloud mode)"),
    CLOUD_SAME_REGION("cloud.same-region", "the source VM and the target instance are in the same region (cloud mode)"),
    CLOUD_TARGET_AVAILABLE("cloud.target-available", "the target instance exists and is available (cloud mode)"),
    CLOUD_SOURCE_SHARDS("cloud.source-shards", "a Redis Cluster source has at most 40 primaries: the cloud runs one sync container per primary, all at once (cloud mode)");

    private final String id;
    private final String checks;

    Check(String id, String checks) {
        this.id = id;
        this.checks = checks;
    }

    public String id() {
        return id;
    }

    /** What the check verifies, one line. */
    public String checks() {
        return checks;
    }

    public CheckResult pass(String message) {
        return CheckResult.pass(id, message);
    }

    public CheckResult warning(String message) {
        return CheckResult.warning(id, message);
    }

    public CheckResult error(String message) {
        return CheckResult.error(id, message);
    }

    public CheckResult skipped(String reason) {
        return CheckResult.skipped(id, reason);
    }
}
