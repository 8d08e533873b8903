package dev.redismigrate.infra;

/** What a migration function may do beyond writing its own logs. Each maps to a few IAM statements in {@link MigrationFunctions}. */
public enum FunctionPermission {
    /** Read and write the task table (tasks, progress, target claims). */
    TASK_TABLE,
    /**
     * Connect to the source and target Redis: runs inside the user's VPC (subnets, security groups) and reads the
     * task passwords under the secret prefix.
     */
    REDIS,
    /** Look up the source VM (EC2 DescribeInstances) and the target (ElastiCache Describe*) for the validation checks. */
    CLOUD_LOOKUPS,
    /** Answer a waiting sync with states:SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat. */
    SEND_TASK_RESULT,
    /** Stop (and see) the sync-runner tasks left running in the migration cluster. */
    STOP_SYNC_TASKS
}
