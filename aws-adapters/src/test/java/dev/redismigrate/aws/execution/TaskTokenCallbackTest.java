package dev.redismigrate.aws.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.aws.RecordedHttpClient;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;

class TaskTokenCallbackTest {
    private final RecordedHttpClient http = new RecordedHttpClient();
    private final TaskTokenCallback callback = new TaskTokenCallback(http.client(SfnClient.builder()), "token-1");

    @Test
    void heartbeatsWithItsToken() {
        http.answer(200, "sfn/send-task-heartbeat.json");
        callback.heartbeat();
        assertThat(http.requests()).singleElement().satisfies(r -> assertThat(r.body()).contains("\"taskToken\":\"token-1\""));
    }

    @Test
    void aTokenTheStateNoLongerWaitsForIsTokenExpired() {
        http.answer(400, "sfn/error-task-timed-out.json");
        assertThatThrownBy(callback::heartbeat).isInstanceOf(TaskTokenExpiredException.class).hasMessageContaining("TaskTimedOut");
    }
}
