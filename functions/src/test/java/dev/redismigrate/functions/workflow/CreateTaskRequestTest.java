package dev.redismigrate.functions.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.task.TargetSpec;
import org.junit.jupiter.api.Test;

/** The create-task function's input: the lock acceptances travel inside {@code target}, and default to refusing. */
class CreateTaskRequestTest {
    private static final String TASK = """
            {"source": {"endpoint": {"host": "10.0.1.25", "port": 6379, "password": "none"}},
             "target": {"endpoint": {"host": "master.orders.cache.amazonaws.com", "port": 6379, "tls": true},
                        "instanceId": "orders"%s}}""";

    @Test
    void theAcceptancesAreReadFromTheTarget() {
        TargetSpec target = TaskJson.read(TASK.formatted(", \"allowUnlocked\": true, \"allowSharedUserLock\": true"),
                CreateTaskRequest.class).target();

        assertThat(target.allowUnlocked()).isTrue();
        assertThat(target.allowSharedUserLock()).isTrue();
        assertThat(TaskJson.read(TaskJson.write(target), TargetSpec.class)).isEqualTo(target);
    }

    @Test
    void withoutThemNothingIsAccepted() {
        TargetSpec target = TaskJson.read(TASK.formatted(""), CreateTaskRequest.class).target();

        assertThat(target.allowUnlocked()).isFalse();
        assertThat(target.allowSharedUserLock()).isFalse();
        assertThat(target.instanceId()).isEqualTo("orders");
    }
}
