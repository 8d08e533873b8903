package dev.redismigrate.aws.execution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redismigrate.core.port.Executions;
import dev.redismigrate.core.store.TaskJson;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;

/**
 * {@link Executions} with Step Functions ({@code StartExecution}, {@code StopExecution}) and EventBridge Scheduler
 * (one-time {@code at()} schedules whose universal target {@code sfn:startExecution} names the execution, deleted
 * after they fire). The execution input is the one {@code migration.asl.json} expects:
 * {@code {"taskId": "...", "scheduledStart": "2026-12-01T02:00:00Z"}}.
 */
public final class StepFunctionsExecutions implements Executions {
    public static final String STATE_MACHINE_ENV = "REDIS_MIGRATE_STATE_MACHINE_ARN";
    public static final String SCHEDULE_GROUP_ENV = "REDIS_MIGRATE_SCHEDULE_GROUP";
    public static final String SCHEDULER_ROLE_ENV = "REDIS_MIGRATE_SCHEDULER_ROLE_ARN";
    static final String SCHEDULER_TARGET = "arn:aws:scheduler:::aws-sdk:sfn:startExecution";
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    /** Where executions run and schedules live; any may be missing in a function that does not start or stop them. */
    public record Settings(String stateMachineArn, String scheduleGroup, String schedulerRoleArn) {
        public static Settings fromEnvironment(Map<String, String> env) {
            return new Settings(env.get(STATE_MACHINE_ENV), env.get(SCHEDULE_GROUP_ENV), env.get(SCHEDULER_ROLE_ENV));
        }
    }

    private final SfnClient sfn;
    private final SchedulerClient scheduler;
    private final Settings settings;

    public StepFunctionsExecutions(SfnClient sfn, SchedulerClient scheduler, Settings settings) {
        this.sfn = sfn;
        this.scheduler = scheduler;
        this.settings = settings;
    }

    @Override
    public void start(String name, String taskId, Instant waitUntil) {
        try {
            sfn.startExecution(r -> r.stateMachineArn(stateMachineArn()).name(name).input(input(taskId, waitUntil)));
        } catch (ExecutionAlreadyExistsException e) {
            throw new IllegalStateException("an execution named " + name + " exists already (names stay taken for 90"
                    + " days); start this task's next run under another name, e.g. " + name + "-2", e);
        }
    }

    @Override
    public void schedule(String name, String taskId, Instant at) {
        String group = required(settings.scheduleGroup(), SCHEDULE_GROUP_ENV);
        String role = required(settings.schedulerRoleArn(), SCHEDULER_ROLE_ENV);
        ObjectNode start = TaskJson.mapper().createObjectNode()
                .put("StateMachineArn", stateMachineArn())
                .put("Name", name)
                .put("Input", input(taskId, null));
        try {
            scheduler.createSchedule(r -> r.groupName(group).name(name)
                    .scheduleExpression("at(" + AT.format(at) + ")")
                    .scheduleExpressionTimezone("UTC")
                    .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                    .actionAfterCompletion(ActionAfterCompletion.DELETE)
                    .target(t -> t.arn(SCHEDULER_TARGET).roleArn(role).input(start.toString())));
        } catch (ConflictException alreadyScheduled) {
            // The same task scheduled again: its one schedule stays.
        }
    }

    @Override
    public void stop(String name, String cause) {
        try {
            sfn.stopExecution(r -> r.executionArn(executionArn(name)).error("Migration.Cancelled").cause(cause));
        } catch (ExecutionDoesNotExistException notStarted) {
            // Scheduled far ahead, or never started: nothing runs.
        }
        Optional.ofNullable(settings.scheduleGroup()).ifPresent(group -> {
            try {
                scheduler.deleteSchedule(r -> r.groupName(group).name(name));
            } catch (ResourceNotFoundException noSchedule) {
                // Started at once or within the week: there is no schedule.
            }
        });
    }

    /** {@code arn:aws:states:REGION:ACCOUNT:stateMachine:NAME} -> {@code arn:aws:states:REGION:ACCOUNT:execution:NAME:EXECUTION}. */
    String executionArn(String name) {
        return stateMachineArn().replaceFirst(":stateMachine:", ":execution:") + ":" + name;
    }

    private String stateMachineArn() {
        return required(settings.stateMachineArn(), STATE_MACHINE_ENV);
    }

    private static String input(String taskId, Instant waitUntil) {
        ObjectNode input = TaskJson.mapper().createObjectNode().put("taskId", taskId);
        if (waitUntil != null) {
            input.put("scheduledStart", waitUntil.toString());
        }
        return input.toString();
    }

    private static String required(String value, String env) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(env + " is not set: this function cannot start or stop executions"
                    + " (the stack sets it for the create-task and signal functions)");
        }
        return value;
    }
}
