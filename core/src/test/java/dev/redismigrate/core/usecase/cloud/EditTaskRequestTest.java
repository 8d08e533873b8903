package dev.redismigrate.core.usecase.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.task.TaskEdit;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EditTaskRequestTest {
    @Test
    void anEditTravelsToTheFunctionWithItsPasswordReferencesAsTheyWereGiven() {
        SecretRef secret = new SecretRef.SecretsManager("arn:aws:secretsmanager:eu-west-1:123456789012:secret:redis-migrate/src-AbCdEf");
        EditTaskRequest request = new EditTaskRequest("orders", new TaskEdit("orders-v2",
                RedisEndpoint.of("10.0.0.5", 6379).withPassword(secret), null, null, new SecretRef.EnvVar("AWS_SECRET_ACCESS_KEY"),
                Instant.parse("2026-12-02T02:00:00Z"), false, Map.of("repl-timeout", "900"), true, null));

        EditTaskRequest read = TaskJson.read(TaskJson.write(request), EditTaskRequest.class);

        assertThat(read).isEqualTo(request);
        assertThat(read.edit().passwords()).containsExactly(new SecretRef.EnvVar("AWS_SECRET_ACCESS_KEY"), secret);
    }

    @Test
    void fieldsLeftOutKeepTheTasksValues() {
        EditTaskRequest read = TaskJson.read("{\"taskId\": \"orders\", \"edit\": {\"name\": \"orders-v2\"}}", EditTaskRequest.class);
        assertThat(read.edit()).isEqualTo(new TaskEdit("orders-v2", null, null, null, null, null, false, Map.of(), null, null));
    }
}
