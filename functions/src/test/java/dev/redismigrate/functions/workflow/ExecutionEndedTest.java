package dev.redismigrate.functions.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.store.TaskJson;
import org.junit.jupiter.api.Test;

class ExecutionEndedTest {
    /** An EventBridge "Step Functions Execution Status Change" event as delivered (fields the janitor ignores included). */
    static final String ABORTED = """
            {"version":"0","id":"315c1398-40ff-a850-213b-158f73e60175","detail-type":"Step Functions Execution Status Change",
             "source":"aws.states","account":"123456789012","time":"2026-11-24T10:05:00Z","region":"eu-west-1",
             "resources":["arn:aws:states:eu-west-1:123456789012:execution:RedisMigrate-migration:mig-k3xq7m2p9c4a"],
             "detail":{"executionArn":"arn:aws:states:eu-west-1:123456789012:execution:RedisMigrate-migration:mig-k3xq7m2p9c4a",
               "stateMachineArn":"arn:aws:states:eu-west-1:123456789012:stateMachine:RedisMigrate-migration",
               "name":"mig-k3xq7m2p9c4a","status":"ABORTED","startDate":1795029600000,"stopDate":1795029900000,
               "input":"{\\"taskId\\":\\"k3xq7m2p9c4a\\"}","output":null,"error":null,"cause":null}}
            """;

    @Test
    void readsTheTaskFromTheInput() {
        ExecutionEnded event = TaskJson.read(ABORTED, ExecutionEnded.class);
        assertThat(event.taskId()).contains("k3xq7m2p9c4a");
        assertThat(event.describe()).isEqualTo("the execution mig-k3xq7m2p9c4a ended ABORTED");
    }

    @Test
    void fallsBackToTheNameAndShowsTheErrorsMessage() {
        ExecutionEnded event = new ExecutionEnded(new ExecutionEnded.Detail("arn", "mig-k3xq7m2p9c4a", "FAILED", null,
                "Migration.OutcomeNotRecorded", "{\"errorMessage\":\"throttled\",\"errorType\":\"x\"}"));
        assertThat(event.taskId()).contains("k3xq7m2p9c4a");
        assertThat(event.describe()).isEqualTo("the execution mig-k3xq7m2p9c4a ended FAILED (Migration.OutcomeNotRecorded: throttled)");
    }
}
