package dev.redismigrate.infra;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values CloudFormation puts into the {@code ${...}} keys of {@code statemachine/migration.asl.json} at deploy
 * time. The function keys come from {@link MigrationFunction}; the keys of the sync task are listed here. Lists are
 * comma-joined: the definition splits them ({@code States.StringSplit}) so that it stays valid JSON.
 */
public final class DefinitionSubstitutions {
    public static final String CLUSTER_ARN = "ClusterArn";
    public static final String SYNC_TASK_DEFINITION_ARN = "SyncTaskDefinitionArn";
    public static final String SYNC_CONTAINER_NAME = "SyncContainerName";
    public static final String SUBNET_IDS = "SubnetIds";
    public static final String SECURITY_GROUP_IDS = "SecurityGroupIds";
    public static final String ASSIGN_PUBLIC_IP = "AssignPublicIp";

    private DefinitionSubstitutions() {
    }

    public static Map<String, String> of(MigrationFunctions functions, SyncRunnerTask sync, Network network) {
        Map<String, String> values = new LinkedHashMap<>();
        for (MigrationFunction row : MigrationFunction.values()) {
            row.substitutionKey().ifPresent(key -> values.put(key, functions.alias(row).getFunctionArn()));
        }
        values.put(CLUSTER_ARN, sync.cluster().getClusterArn());
        values.put(SYNC_TASK_DEFINITION_ARN, sync.taskDefinition().getTaskDefinitionArn());
        values.put(SYNC_CONTAINER_NAME, sync.container().getContainerName());
        values.put(SUBNET_IDS, String.join(",", network.subnetIds()));
        values.put(SECURITY_GROUP_IDS, String.join(",", network.securityGroupIds()));
        values.put(ASSIGN_PUBLIC_IP, network.assignPublicIp() ? "ENABLED" : "DISABLED");
        return values;
    }
}
