package dev.redismigrate.aws.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redismigrate.aws.RecordedHttpClient;
import dev.redismigrate.core.store.TaskJson;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

class StepFunctionsExecutionsTest {
    private static final String STATE_MACHINE = "arn:aws:states:eu-west-1:123456789012:stateMachine:RedisMigrate-migration";
    private static final String ROLE = "arn:aws:iam::123456789012:role/RedisMigrate-SchedulerRole";

    private final RecordedHttpClient sfnHttp = new RecordedHttpClient();
    private final RecordedHttpClient schedulerHttp = new RecordedHttpClient();
    private final StepFunctionsExecutions executions = executions(
            new StepFunctionsExecutions.Settings(STATE_MACHINE, "RedisMigrate-starts", ROLE));

    private StepFunctionsExecutions executions(StepFunctionsExecutions.Settings settings) {
        return new StepFunctionsExecutions(sfnHttp.client(SfnClient.builder()), schedulerHttp.client(SchedulerClient.builder()),
                settings);
    }

    @Test
    void startsTheExecutionNamedAfterTheTaskWithTheInputTheDefinitionReads() throws Exception {
        sfnHttp.answer(200, "sfn/start-execution.json").answer(200, "sfn/start-execution.json");

        executions.start("mig-k3xq7m2p9c4a", "k3xq7m2p9c4a", null);
        executions.start("mig-k3xq7m2p9c4a", "k3xq7m2p9c4a", Instant.parse("2026-12-01T02:00:00Z"));

        JsonNode now = body(sfnHttp, 0);
        assertThat(now.get("stateMachineArn").asText()).isEqualTo(STATE_MACHINE);
        assertThat(now.get("name").asText()).isEqualTo("mig-k3xq7m2p9c4a");
        assertThat(TaskJson.mapper().readTree(now.get("input").asText()))
                .isEqualTo(TaskJson.mapper().readTree("{\"taskId\":\"k3xq7m2p9c4a\"}"));
        assertThat(TaskJson.mapper().readTree(body(sfnHttp, 1).get("input").asText()).get("scheduledStart").asText())
                .isEqualTo("2026-12-01T02:00:00Z");
    }

    @Test
    void aNameAlreadyTakenSaysHowToStartAgain() {
        sfnHttp.answer(400, "sfn/error-execution-already-exists.json");
        assertThatThrownBy(() -> executions.start("mig-k3xq7m2p9c4a", "k3xq7m2p9c4a", null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("mig-k3xq7m2p9c4a-2");
    }

    @Test
    void aFarStartIsAOneTimeScheduleThatStartsTheNamedExecution() throws Exception {
        schedulerHttp.answer(200, "scheduler/create-schedule.json");

        executions.schedule("mig-k3xq7m2p9c4a", "k3xq7m2p9c4a", Instant.parse("2027-03-01T02:00:00Z"));

        RecordedHttpClient.Request request = schedulerHttp.requests().get(0);
        assertThat(request.uri().getPath()).endsWith("/schedules/mig-k3xq7m2p9c4a");
        JsonNode schedule = TaskJson.mapper().readTree(request.body());
        assertThat(schedule.get("GroupName").asText()).isEqualTo("RedisMigrate-starts");
        assertThat(schedule.get("ScheduleExpression").asText()).isEqualTo("at(2027-03-01T02:00:00)");
        assertThat(schedule.get("ScheduleExpressionTimezone").asText()).isEqualTo("UTC");
        assertThat(schedule.get("ActionAfterCompletion").asText()).isEqualTo("DELETE");
        assertThat(schedule.at("/FlexibleTimeWindow/Mode").asText()).isEqualTo("OFF");
        assertThat(schedule.at("/Target/Arn").asText()).isEqualTo("arn:aws:scheduler:::aws-sdk:sfn:startExecution");
        assertThat(schedule.at("/Target/RoleArn").asText()).isEqualTo(ROLE);
        JsonNode start = TaskJson.mapper().readTree(schedule.at("/Target/Input").asText());
        assertThat(start.get("StateMachineArn").asText()).isEqualTo(STATE_MACHINE);
        assertThat(start.get("Name").asText()).isEqualTo("mig-k3xq7m2p9c4a");
        assertThat(TaskJson.mapper().readTree(start.get("Input").asText()).get("taskId").asText()).isEqualTo("k3xq7m2p9c4a");
    }

    @Test
    void schedulingTwiceKeepsTheOneSchedule() {
        schedulerHttp.answer(409, "scheduler/error-conflict.json");
        executions.schedule("mig-k3xq7m2p9c4a", "k3xq7m2p9c4a", Instant.parse("2027-03-01T02:00:00Z"));
        assertThat(schedulerHttp.requests()).hasSize(1);
    }

    @Test
    void stopsTheExecutionAndDeletesItsSchedule() throws Exception {
        sfnHttp.answer(200, "sfn/stop-execution.json");
        schedulerHttp.answer(200, "scheduler/delete-schedule.json");

        executions.stop("mig-k3xq7m2p9c4a", "cancelled before it started");

        assertThat(body(sfnHttp, 0).get("executionArn").asText())
                .isEqualTo("arn:aws:states:eu-west-1:123456789012:execution:RedisMigrate-migration:mig-k3xq7m2p9c4a");
        assertThat(schedulerHttp.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("DELETE");
            assertThat(request.uri().getPath()).endsWith("/schedules/mig-k3xq7m2p9c4a");
            assertThat(request.uri().getQuery()).contains("groupName=RedisMigrate-starts");
        });
    }

    @Test
    void stoppingWhatDoesNotExistIsHarmless() {
        sfnHttp.answer(400, "sfn/error-execution-does-not-exist.json");
        schedulerHttp.answer(404, "scheduler/error-not-found.json");
        executions.stop("mig-k3xq7m2p9c4a", "cancelled before it started");
        assertThat(sfnHttp.requests()).hasSize(1);
        assertThat(schedulerHttp.requests()).hasSize(1);
    }

    @Test
    void aFunctionWithoutTheStateMachineSaysWhichSettingIsMissing() {
        StepFunctionsExecutions unset = executions(new StepFunctionsExecutions.Settings(null, null, null));
        assertThatThrownBy(() -> unset.start("mig-x", "x", null)).hasMessageContaining(StepFunctionsExecutions.STATE_MACHINE_ENV);
        assertThat(sfnHttp.requests()).isEmpty();
    }

    private static JsonNode body(RecordedHttpClient http, int index) throws Exception {
        return TaskJson.mapper().readTree(http.requests().get(index).body());
    }
}
