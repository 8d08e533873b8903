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
    private Statements() {
    }

    /**
     * The item calls of the task and claim stores (module functions: DynamoDbTaskStore, DynamoDbTargetClaim) on the
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

    /** states:SendTask* takes no resource restriction (a token is the credential), so who holds it is restricted instead. */
    static PolicyStatement answerTaskTokens() {
        return allow("AnswerTaskTokens",
                List.of("states:SendTaskSuccess", "states:SendTaskFailure", "states:SendTaskHeartbeat"), List.of("*"));
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

    /** Describe calls of the validation checks; EC2 DescribeInstances supports no resource restriction. */
    static PolicyStatement cloudLookups() {
        return allow("DescribeSourceAndTarget", List.of(
                "ec2:DescribeInstances",
                "elasticache:DescribeReplicationGroups",
                "elasticache:DescribeCacheClusters"), List.of("*"));
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
