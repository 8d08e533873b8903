package dev.redismigrate.functions;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.endpoint.SecretRefusedException;
import dev.redismigrate.core.endpoint.SecretUnavailableException;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.usecase.cloud.CreateTaskRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whoever may invoke create-task must not be able to make the function send its own credentials as AUTH to a server
 * of their choosing: the composition built from the function's environment reads passwords only from Secrets Manager
 * secrets under the stack's prefix, and a create naming anything else is refused before anything is stored.
 */
class CloudSecretsTest {
    private static final Map<String, String> FUNCTION_ENVIRONMENT = Map.of(
            CloudServices.TABLE_ENV, "RedisMigrate-tasks",
            "AWS_REGION", "eu-west-1",
            "AWS_ACCESS_KEY_ID", "AKIAEXAMPLE",
            "AWS_SECRET_ACCESS_KEY", "the-functions-own-secret-key",
            "AWS_SESSION_TOKEN", "the-functions-own-session-token");

    private final CloudServices services = CloudServices.fromEnvironment(FUNCTION_ENVIRONMENT);

    @Test
    void noResolverOfTheCloudCompositionReadsTheFunctionsEnvironmentOrFiles() {
        for (String reference : new String[] {"env:AWS_SECRET_ACCESS_KEY", "env:AWS_SESSION_TOKEN", "file:/proc/self/environ"}) {
            assertThatThrownBy(() -> services.secrets().resolve(SecretRef.parse(reference)))
                    .isInstanceOf(SecretUnavailableException.class)
                    .hasMessageNotContaining("the-functions-own");
        }
    }

    @Test
    void aCreateWithAnEnvironmentOrFileReferenceIsRefusedBeforeAnythingIsStored() {
        for (String reference : new String[] {"env:AWS_SECRET_ACCESS_KEY", "file:/var/task/credentials"}) {
            CreateTaskRequest request = TaskJson.read("""
                    {"name": "exfiltrate", "source": {"endpoint": {"host": "203.0.113.7", "port": 6379, "password": "%s"}},
                     "target": {"endpoint": {"host": "10.0.3.3", "port": 6379}}}
                    """.formatted(reference), CreateTaskRequest.class);
            // The table is never reached: the refusal comes first (a DynamoDB call would fail here, offline).
            assertThatThrownBy(() -> services.createAndStartTask().create(request))
                    .isInstanceOf(SecretRefusedException.class)
                    .hasMessageContaining("only from AWS Secrets Manager");
        }
    }

    @Test
    void aSecretOutsideTheStacksPrefixIsRefusedToo() {
        CreateTaskRequest request = TaskJson.read("""
                {"source": {"endpoint": {"host": "10.0.1.25", "port": 6379}},
                 "target": {"endpoint": {"host": "10.0.3.3", "port": 6379,
                  "password": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/payments-db-AbCdEf"}}}
                """, CreateTaskRequest.class);
        assertThatThrownBy(() -> services.createAndStartTask().create(request))
                .isInstanceOf(SecretRefusedException.class).hasMessageContaining("redis-migrate/");
    }
}
