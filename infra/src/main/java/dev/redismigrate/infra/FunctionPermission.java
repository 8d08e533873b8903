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
    /**
     * Look up the source VM (EC2 DescribeInstances) and the target (ElastiCache Describe*: the replication group, its
     * primary's cluster, a Serverless cache of that name, users and user groups) for the validation checks.
     */
    CLOUD_LOOKUPS,
    /**
     * Lock and unlock an ElastiCache target through its API: create and delete the migration's own user
     * ({@code redis-migrate-*}), change the access strings of a user group's users and its membership
     * ({@code elasticache-rbac}), swap a replication group's security groups ({@code network-fence}).
     */
    LOCK_MANAGED_TARGETS,
    /**
     * Run the sync task definition in the migration cluster (ecs:RunTask, tagging the new task) and pass it its two
     * roles; told the cluster, task definition, container, subnets and security groups by environment.
     */
    RUN_SYNC_TASKS,
    /**
     * List, see and stop the sync-runner tasks of the migration cluster (and only those): the janitor stops the ones an
     * ended execution left running, start-sync the ones a new run supersedes and watches the one it started.
     */
    STOP_SYNC_TASKS,
    /**
     * Start a task's execution of the state machine (states:StartExecution), or create its one-time schedule in the
     * stack's schedule group, passing the scheduler role.
     */
    START_EXECUTIONS,
    /** Stop a task's execution that waits for its start (states:StopExecution) and delete its schedule. */
    STOP_EXECUTIONS
}
