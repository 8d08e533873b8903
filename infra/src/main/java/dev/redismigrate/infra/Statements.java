package dev.redismigrate.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;

/** The IAM statements that more than one role of the stack holds, each as narrow as its actions allow. */
final class Statements {
    /** The names of the ElastiCache users the migration creates (module redis-io: its ElastiCache lock adapters). */
    static final String MIGRATION_USERS = "redis-migrate-*";

    private Statements() {
    }

    /**
     * The item calls of the task and claim stores (module aws-adapters: DynamoDbTaskStore, DynamoDbTargetClaim) on the
     * one table; no batch, stream or table-level call.
     */
    static PolicyStatement taskTableItems(ITable table) {
        return allow("TaskTableItems", List.of(
                "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Scan"),
                List.of(table.getTableArn()));
    }

    /** Task passwords: secrets whose name starts with the prefix, in this account and region, and nothing else. */
    static PolicyStatement readSecretsUnder(Stack stack, String prefix) {
        String arn = stack.formatArn(ArnComponents.builder()
                .service("secretsmanager")
                .resource("secret")
                .resourceName(prefix + "*")
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                .build());
        return allow("ReadTaskPasswords", List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"),
                List.of(arn));
    }

    /**
     * Answering task tokens of one state machine. The Service Authorization Reference lists no resource type for
     * states:SendTask*, but Step Functions authorizes a callback-pattern answer against the state machine that issued
     * the token (its AccessDenied names that ARN), and CDK's {@code grantTaskResponse} scopes it the same way.
     */
    static PolicyStatement answerTaskTokens(String stateMachineArn) {
        return allow("AnswerTaskTokens",
                List.of("states:SendTaskSuccess", "states:SendTaskFailure", "states:SendTaskHeartbeat"),
                List.of(stateMachineArn));
    }

    /**
     * Starting the sync: ecs:RunTask on the one task definition, in the one cluster; iam:PassRole on exactly its two
     * roles, to ECS; ecs:TagResource on new tasks of the cluster (tags propagated at RunTask are written with it).
     */
    static List<PolicyStatement> runSyncTasks(SyncRunnerTask sync) {
        PolicyStatement run = allow("RunSyncTask", List.of("ecs:RunTask"),
                List.of(sync.taskDefinition().getTaskDefinitionArn()));
        run.addCondition("ArnEquals", Map.of("ecs:cluster", sync.cluster().getClusterArn()));
        PolicyStatement pass = allow("PassSyncTaskRoles", List.of("iam:PassRole"), List.of(
                sync.taskDefinition().getTaskRole().getRoleArn(),
                sync.taskDefinition().obtainExecutionRole().getRoleArn()));
        pass.addCondition("StringEquals", Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com"));
        PolicyStatement tag = allow("TagSyncTasks", List.of("ecs:TagResource"),
                List.of(clusterTasksArn(Stack.of(sync), sync.cluster())));
        tag.addCondition("StringEquals", Map.of("ecs:CreateAction", "RunTask"));
        return List.of(run, pass, tag);
    }

    /**
     * Announcing task status changes (module aws-adapters: EventBridgeStatusEvents) on the account's default bus, with
     * the project's source only.
     */
    static PolicyStatement putStatusEvents(Stack stack) {
        PolicyStatement statement = allow("PutTaskStatusEvents", List.of("events:PutEvents"),
                List.of(stack.formatArn(ArnComponents.builder().service("events").resource("event-bus")
                        .resourceName(StatusEventBus.NAME).arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build())));
        statement.addCondition("StringEquals", Map.of("events:source", StatusEventBus.SOURCE));
        return statement;
    }

    /** Tasks of the migration cluster only. */
    static PolicyStatement stopSyncTasks(Stack stack, ICluster cluster) {
        return allow("StopSyncTasks", List.of("ecs:StopTask", "ecs:DescribeTasks"),
                List.of(clusterTasksArn(stack, cluster)));
    }

    /** Every task of the cluster: {@code arn:...:ecs:REGION:ACCOUNT:task/CLUSTER/*}. */
    static String clusterTasksArn(Stack stack, ICluster cluster) {
        return stack.formatArn(ArnComponents.builder()
                .service("ecs")
                .resource("task")
                .resourceName(cluster.getClusterName() + "/*")
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                .build());
    }

    /** ListTasks names no task, so it is limited to the cluster by condition. */
    static PolicyStatement listSyncTasks(ICluster cluster) {
        PolicyStatement statement = allow("ListSyncTasks", List.of("ecs:ListTasks"), List.of("*"));
        statement.addCondition("ArnEquals", Map.of("ecs:cluster", cluster.getClusterArn()));
        return statement;
    }

    /**
     * Describe calls of the validation checks (module aws-adapters: AwsCloudChecks, AwsElastiCache): the source VM, the
     * target replication group and its primary's cluster, a Serverless cache of that name (to say it is not supported),
     * and the users and user groups the lock decision reads. EC2 DescribeInstances supports no resource restriction;
     * the ElastiCache describe calls list every resource of their kind, so they are given on all.
     */
    static PolicyStatement cloudLookups() {
        return allow("DescribeSourceAndTarget", List.of(
                "ec2:DescribeInstances",
                "elasticache:DescribeReplicationGroups",
                "elasticache:DescribeCacheClusters",
                "elasticache:DescribeServerlessCaches",
                "elasticache:DescribeUsers",
                "elasticache:DescribeUserGroups"), List.of("*"));
    }

    /** What the lock strategies read while they wait for users, user groups and replication groups to be active. */
    static PolicyStatement describeManagedTargets() {
        return allow("DescribeLockedTargets", List.of(
                "elasticache:DescribeReplicationGroups",
                "elasticache:DescribeCacheClusters",
                "elasticache:DescribeUsers",
                "elasticache:DescribeUserGroups"), List.of("*"));
    }

    /** The migration's own ElastiCache users only: CreateUser and DeleteUser on {@code user:redis-migrate-*}. */
    static PolicyStatement createAndDeleteMigrationUsers(Stack stack) {
        return allow("CreateAndDeleteMigrationUsers", List.of("elasticache:CreateUser", "elasticache:DeleteUser"),
                List.of(elastiCacheArn(stack, "user", MIGRATION_USERS)));
    }

    /**
     * The elasticache-rbac lock: ModifyUser on the users of the target's user group (their access strings, read-only
     * while locked and back at unlock; the migration user's password) and ModifyUserGroup to add and remove the
     * migration user. Which users and groups is the user's choice of target, so any of the account and region.
     */
    static PolicyStatement lockUsers(Stack stack) {
        return allow("LockUserGroups", List.of("elasticache:ModifyUser", "elasticache:ModifyUserGroup"),
                List.of(elastiCacheArn(stack, "user", "*"), elastiCacheArn(stack, "usergroup", "*")));
    }

    /**
     * The network-fence lock: ModifyReplicationGroup (SecurityGroupIds, ApplyImmediately) puts the fence group on and
     * the original groups back. ElastiCache authorizes it on the replication group, its cache clusters and the VPC
     * security groups named; the network interfaces are changed by ElastiCache's service-linked role, so no EC2 write
     * action is given.
     */
    static PolicyStatement swapSecurityGroups(Stack stack) {
        String securityGroups = stack.formatArn(ArnComponents.builder()
                .service("ec2")
                .resource("security-group")
                .resourceName("*")
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                .build());
        return allow("SwapSecurityGroups", List.of("elasticache:ModifyReplicationGroup"), List.of(
                elastiCacheArn(stack, "replicationgroup", "*"), elastiCacheArn(stack, "cluster", "*"), securityGroups));
    }

    /**
     * The sync-runner taking over a locked target (resume): a new password for the migration's own user, and the
     * reads that wait until the user is active again.
     */
    static PolicyStatement regrantMigrationUser(Stack stack) {
        return allow("RegrantMigrationUser", List.of("elasticache:ModifyUser"),
                List.of(elastiCacheArn(stack, "user", MIGRATION_USERS)));
    }

    /** {@code arn:aws:elasticache:REGION:ACCOUNT:TYPE:NAME}. */
    private static String elastiCacheArn(Stack stack, String resourceType, String name) {
        return stack.formatArn(ArnComponents.builder()
                .service("elasticache")
                .resource(resourceType)
                .resourceName(name)
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                .build());
    }

    /** Starting executions of the one state machine. */
    static PolicyStatement startExecutions(String stateMachineArn) {
        return allow("StartMigrations", List.of("states:StartExecution"), List.of(stateMachineArn));
    }

    /** Stopping executions of the one state machine. */
    static PolicyStatement stopExecutions(String executionsArn) {
        return allow("StopWaitingMigrations", List.of("states:StopExecution"), List.of(executionsArn));
    }

    /** Schedules of the stack's group only: {@code arn:...:scheduler:REGION:ACCOUNT:schedule/GROUP/*}. */
    static PolicyStatement schedulesOfGroup(String sid, Stack stack, String group, List<String> actions) {
        String arn = stack.formatArn(ArnComponents.builder()
                .service("scheduler")
                .resource("schedule")
                .resourceName(group + "/*")
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                .build());
        return allow(sid, actions, List.of(arn));
    }

    /** Handing the scheduler role to EventBridge Scheduler, and to nothing else. */
    static PolicyStatement passSchedulerRole(String roleArn) {
        PolicyStatement statement = allow("PassSchedulerRole", List.of("iam:PassRole"), List.of(roleArn));
        statement.addCondition("StringEquals", Map.of("iam:PassedToService", "scheduler.amazonaws.com"));
        return statement;
    }

    static PolicyStatement allow(String sid, List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create()
                .sid(sid)
                .effect(Effect.ALLOW)
                .actions(actions)
                .resources(resources)
                .build();
    }
}
