package dev.redismigrate.infra;

import java.util.Set;
import software.amazon.awscdk.services.iam.IRole;

/**
 * The state machine's role gets what the Task states of the definition call, and no more: it may invoke the functions
 * whose keys the definition uses (the start-sync function, not the state machine, runs the sync task). A Task
 * resource this class does not know fails the synth, so a new integration in the definition cannot ship without
 * its permissions being thought about.
 */
final class StateMachinePermissions {
    private static final String STATES = "arn:aws:states:::";
    /** Both invoke a function of the table (granted by its key); the second waits for a task token. */
    private static final Set<String> LAMBDA_INVOKE = Set.of(STATES + "lambda:invoke", STATES + "lambda:invoke.waitForTaskToken");

    private StateMachinePermissions() {
    }

    static void grant(IRole role, AslDefinition definition, MigrationFunctions functions) {
        Set<String> keys = definition.substitutionKeys();
        for (MigrationFunction row : MigrationFunction.values()) {
            row.substitutionKey().filter(keys::contains).ifPresent(key -> functions.alias(row).grantInvoke(role));
        }
        for (String resource : definition.taskResources()) {
            if (!resource.startsWith("${") && !LAMBDA_INVOKE.contains(resource)) {
                // a function of the table (granted above) is called either way; anything else needs thought first
                throw new IllegalArgumentException("The state machine definition calls " + resource
                        + ", which infra grants nothing for: add its permissions to StateMachinePermissions");
            }
        }
    }
}
