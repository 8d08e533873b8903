package dev.redismigrate.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.scheduler.ScheduleGroup;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * Starts far in the future: one EventBridge Scheduler schedule per task, created when the task is scheduled (not by
 * this stack), in this group, with {@code at(yyyy-mm-ddThh:mm:ss)}, {@code ActionAfterCompletion=DELETE} and the
 * universal target {@value #TARGET_ARN}, whose input names the execution after the task: a schedule that fires twice
 * finds the execution already there instead of starting a second one. The role may only start this state machine,
 * and only schedules of this group and account may assume it.
 */
public final class ScheduledStarts extends Construct {
    public static final String TARGET_ARN = "arn:aws:scheduler:::aws-sdk:sfn:startExecution";

    private final ScheduleGroup group;
    private final Role role;

    public ScheduledStarts(Construct scope, String id, IStateMachine stateMachine) {
        super(scope, id);
        group = ScheduleGroup.Builder.create(this, "Group")
                .scheduleGroupName(Stack.of(this).getStackName() + "-starts")
                .build();
        role = Role.Builder.create(this, "Role")
                .description("EventBridge Scheduler: start redis-migrate executions at their scheduled time")
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com").withConditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID),
                        "ArnEquals", Map.of("aws:SourceArn", group.getScheduleGroupArn()))))
                .build();
        role.addToPrincipalPolicy(Statements.allow("StartMigration", List.of("states:StartExecution"),
                List.of(stateMachine.getStateMachineArn())));
    }

    public ScheduleGroup group() {
        return group;
    }

    public Role role() {
        return role;
    }
}
