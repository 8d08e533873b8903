package dev.redismigrate.core.usecase.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.task.TargetSpec;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CreateTaskRequestTest {
    private static final String SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:redis-migrate/orders";
    private static final Function<String, RedisEndpoint> PRIMARY = id -> new RedisEndpoint("master." + id
            + ".abc123.euw1.cache.amazonaws.com", 6379, true, null, null);

    @Test
    void aTargetNamedOnlyByInstanceIdGetsThePrimaryEndpointWithTheRequestsCredentials() {
        CreateTaskRequest request = TaskJson.read("""
                {"name": "orders", "source": {"endpoint": {"host": "10.0.1.25", "port": 6379}},
                 "target": {"instanceId": "orders-cache", "username": "migrator", "password": "%s"}}
                """.formatted(SECRET), CreateTaskRequest.class);
        TargetSpec target = request.newTask(PRIMARY).target();
        assertThat(target.endpoint()).isEqualTo(new RedisEndpoint("master.orders-cache.abc123.euw1.cache.amazonaws.com",
                6379, true, "migrator", new SecretRef.SecretsManager(SECRET)));
        assertThat(target.instanceId()).isEqualTo("orders-cache");
    }

    @Test
    void aTargetWithItsEndpointIsTakenAsGivenAndNothingIsLookedUp() {
        CreateTaskRequest request = TaskJson.read("""
                {"source": {"endpoint": {"host": "10.0.1.25", "port": 6379}},
                 "target": {"endpoint": {"host": "10.0.3.3", "port": 6380}, "allowUnlocked": true}}
                """, CreateTaskRequest.class);
        TargetSpec target = request.newTask(id -> {
            throw new AssertionError("looked up " + id);
        }).target();
        assertThat(target).isEqualTo(new TargetSpec(RedisEndpoint.of("10.0.3.3", 6380), null, true, false));
    }

    @Test
    void aTargetWithNeitherEndpointNorIdOrWithCredentialsBesideItsEndpointIsRefused() {
        RedisEndpoint endpoint = RedisEndpoint.of("10.0.3.3", 6380);
        assertThatThrownBy(() -> new TargetRequest(null, null, false, false, null, null).toSpec(PRIMARY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("an endpoint or an instance id");
        assertThatThrownBy(() -> new TargetRequest(endpoint, null, false, false, "migrator", null).toSpec(PRIMARY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("on its endpoint");
    }

    @Test
    void theLockAcceptancesTravelInsideTheTargetAndDefaultToRefusing() {
        String json = """
                {"source": {"endpoint": {"host": "10.0.1.25", "port": 6379, "password": "none"}},
                 "target": {"endpoint": {"host": "master.orders.cache.amazonaws.com", "port": 6379, "tls": true},
                            "instanceId": "orders"%s}}""";
        TargetSpec accepted = TaskJson.read(json.formatted(", \"allowUnlocked\": true, \"allowSharedUserLock\": true"),
                CreateTaskRequest.class).newTask(PRIMARY).target();
        assertThat(accepted.allowUnlocked()).isTrue();
        assertThat(accepted.allowSharedUserLock()).isTrue();
        assertThat(TaskJson.read(TaskJson.write(accepted), TargetSpec.class)).isEqualTo(accepted);

        TargetSpec refusing = TaskJson.read(json.formatted(""), CreateTaskRequest.class).newTask(PRIMARY).target();
        assertThat(refusing.allowUnlocked()).isFalse();
        assertThat(refusing.allowSharedUserLock()).isFalse();
    }
}
