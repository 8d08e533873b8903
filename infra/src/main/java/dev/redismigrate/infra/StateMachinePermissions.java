package dev.redismigrate.infra;

import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * The state machine's role gets what the Task states of the definition call, and no more: it may invoke the functions
 * whose keys the definition uses, and run exactly the sync task definition, passing exactly its two roles. A Task
 * resource this class does not know fails the synth, so a new integration in the definition cannot ship without
 * its permissions being thought about.
 */
final class StateMachinePermissions {
    private static final String STATES = "arn:aws:states:::";
    private static final Set<String> RUN_TASK = Set.of(STATES + "ecs:runTask", STATES + "ecs:runTask.waitForTaskToken");
    private static final String LAMBDA_INVOKE = STATES + "lambda:invoke";

    private StateMachinePermissions() {
    }

    static void grant(IRole role, AslDefinition definition, MigrationFunctions functions, SyncRunnerTask sync) {
        Set<String> keys = definition.substitutionKeys();
        for (MigrationFunction row : MigrationFunction.values()) {
            row.substitutionKey().filter(keys::contains).ifPresent(key -> functions.alias(row).grantInvoke(role));
        }
        boolean runsTask = false;
        for (String resource : definition.taskResources()) {
            if (RUN_TASK.contains(resource)) {
                runsTask = true;
            } else if (!resource.startsWith("${") && !resource.equals(LAMBDA_INVOKE)) {
                // a function of the table (granted above) is called either way; anything else needs thought first
                throw new IllegalArgumentException("The state machine definition calls " + resource
                        + ", which infra grants nothing for: add its permissions to StateMachinePermissions");
            }
        }
        if (runsTask) {
            grantRunSyncTask(role, sync);
        }
    }

    /** ecs:RunTask on the one task definition, in the one cluster; iam:PassRole on exactly its two roles, to ECS. */
    private static void grantRunSyncTask(IRole role, SyncRunnerTask sync) {
        PolicyStatement run = Statements.allow("RunSyncTask", List.of("ecs:RunTask"),
                List.of(sync.taskDefinition().getTaskDefinitionArn()));
        run.addCondition("ArnEquals", Map.of("ecs:cluster", sync.cluster().getClusterArn()));
        role.addToPrincipalPolicy(run);
        PolicyStatement pass = Statements.allow("PassSyncTaskRoles", List.of("iam:PassRole"), List.of(
                sync.taskDefinition().getTaskRole().getRoleArn(),
                sync.taskDefinition().obtainExecutionRole().getRoleArn()));
        pass.addCondition("StringEquals", Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com"));
        role.addToPrincipalPolicy(pass);
        // Tags given or propagated at RunTask are written with ecs:TagResource, on the new task only.
        PolicyStatement tag = Statements.allow("TagSyncTasks", List.of("ecs:TagResource"),
                List.of(Statements.clusterTasksArn(Stack.of(sync), sync.cluster())));
        tag.addCondition("StringEquals", Map.of("ecs:CreateAction", "RunTask"));
        role.addToPrincipalPolicy(tag);
    }
}
