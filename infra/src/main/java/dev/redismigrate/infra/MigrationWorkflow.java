package dev.redismigrate.infra;

import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

/**
 * The Step Functions state machine, deployed from {@code statemachine/migration.asl.json} as written, with
 * CloudFormation's definition substitutions filling its {@code ${...}} keys. Every key of the file must have a value
 * (checked here, before anything is deployed). Logs go to a vended-logs group without execution data (inputs and
 * outputs carry task tokens), and executions are traced with X-Ray.
 */
public final class MigrationWorkflow extends Construct {
    private final StateMachine stateMachine;

    public MigrationWorkflow(Construct scope, String id, AslDefinition definition, Map<String, String> substitutions,
                             MigrationFunctions functions, RetentionDays logRetention) {
        super(scope, id);
        definition.requireSubstitutions(substitutions);

        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                // The /aws/vendedlogs/ prefix keeps CloudWatch's resource policy from growing with every state machine.
                .logGroupName("/aws/vendedlogs/states/" + Stack.of(this).getStackName() + "-migration")
                .retention(logRetention)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        stateMachine = StateMachine.Builder.create(this, "StateMachine")
                .stateMachineType(StateMachineType.STANDARD)
                .definitionBody(DefinitionBody.fromString(definition.text()))
                .definitionSubstitutions(substitutions)
                .tracingEnabled(true)
                .logs(LogOptions.builder().destination(logs).level(LogLevel.ALL).includeExecutionData(false).build())
                .build();
        StateMachinePermissions.grant(stateMachine.getRole(), definition, functions);
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }
}
