package dev.redismigrate.cli.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redismigrate.core.endpoint.RedisUri;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.params.ParameterCatalogue;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskFormReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TaskForm read(String json) throws Exception {
        return read(json, ConsoleMode.LOCAL);
    }

    private static TaskForm read(String json, ConsoleMode mode) throws Exception {
        return TaskFormReader.read(JSON.readTree(json.replace('\'', '"')), mode);
    }

    @Test
    void theVmCaseGivesTheSourceByPrivateIpAndPortAndPasswordsStayApart() throws Exception {
        TaskForm form = read("{'name': ' orders ', 'source': {'vmId': 'i-0abc', 'privateIp': '10.0.0.5', 'port': '6380',"
                + " 'password': 's3cret'}, 'target': {'endpoint': 'rediss://cache:6379', 'passwordRef': 'env:DST'},"
                + " 'parameters': {'REPL-TIMEOUT': 600}}");

        assertThat(form.name()).isEqualTo("orders");
        assertThat(form.source().display()).isEqualTo("redis://10.0.0.5:6380");
        assertThat(form.source().password()).isInstanceOf(SecretRef.None.class);
        assertThat(form.sourcePassword().typed()).isEqualTo("s3cret");
        assertThat(form.sourcePassword().toString()).doesNotContain("s3cret");
        assertThat(form.targetPassword().reference()).isEqualTo(new SecretRef.EnvVar("DST"));
        assertThat(form.target().tls()).isTrue();
        assertThat(form.parameters()).containsEntry("repl-timeout", "600");
    }

    @Test
    void whatCannotBeATaskIsRefusedNamingTheField() {
        assertRefused("{'source': {'endpoint': 'redis://h:1', 'privateIp': '10.0.0.5'}, 'target': {'endpoint': 'redis://t:1'}}",
                "source.endpoint", "not both");
        assertRefused("{'source': {'endpoint': 'redis://:pw@h:1'}, 'target': {'endpoint': 'redis://t:1'}}",
                "source.endpoint", "password field");
        assertRefused("{'source': {'endpoint': 'redis://h:1'}, 'target': {'instanceId': 'orders-cache'}}",
                "target.endpoint", "--cloud");
        assertRefused("{'source': {'endpoint': 'redis://h:1', 'passwordRef': 'arn:aws:secretsmanager:x'},"
                + " 'target': {'endpoint': 'redis://t:1'}}", "source.passwordRef", "env:NAME");
        assertRefused("{'source': {'endpoint': 'redis://h:1'}, 'target': {'endpoint': 'redis://t:1'}, 'allowUnlockedTarget': 'yes'}",
                "allowUnlockedTarget", "true or false");
        assertRefused("{'target': {'endpoint': 'redis://t:1'}}", "source", "missing");
        assertRefused("{'name': 'orders\\tEU', 'source': {'endpoint': 'redis://h:1'}, 'target': {'endpoint': 'redis://t:1'}}",
                "name", "control character (U+0009");
        assertRefused("{'name': '" + "x".repeat(101) + "', 'source': {'endpoint': 'redis://h:1'},"
                + " 'target': {'endpoint': 'redis://t:1'}}", "name", "more than 100");
    }

    @Test
    void inCloudModePasswordsAreSecretsManagerSecretsAndATargetMayBeNamedByItsInstanceId() throws Exception {
        TaskForm form = read("{'source': {'endpoint': 'redis://10.0.0.5:6379', 'passwordRef':"
                + " 'arn:aws:secretsmanager:eu-west-1:1:secret:src'}, 'target': {'instanceId': 'orders-cache',"
                + " 'username': 'migrator'}}", ConsoleMode.CLOUD);

        assertThat(form.target()).isNull();
        assertThat(form.targetInstanceId()).isEqualTo("orders-cache");
        assertThat(form.targetUser()).isEqualTo("migrator");
        assertThat(form.sourcePassword().reference()).isInstanceOf(SecretRef.SecretsManager.class);
        assertRefused("{'source': {'endpoint': 'redis://h:1', 'password': 'typed'}, 'target': {'instanceId': 'c'}}",
                ConsoleMode.CLOUD, "source.password", "Secrets Manager");
        assertRefused("{'source': {'endpoint': 'redis://h:1', 'passwordRef': 'env:PW'}, 'target': {'instanceId': 'c'}}",
                ConsoleMode.CLOUD, "source.passwordRef", "Secrets Manager ARN");
    }

    @Test
    void anEditThatLeavesTheFixedFieldsOutKeepsThemAndOneThatChangesThemIsRefused() throws Exception {
        MigrationTask vmTask = MigrationTask.create("orders",
                new SourceSpec(RedisUri.parse("redis://10.0.0.5:6379"), "i-0abc", "10.0.0.5"),
                new TargetSpec(RedisUri.parse("redis://cache:6379"), "orders-cache", false, false), null,
                ParameterCatalogue.defaultsWith(Map.of()), Instant.now());

        // what the edit page sends: the task's endpoints as it shows them, nothing about the VM or the instance
        read("{'source': {'endpoint': 'redis://10.0.0.5:6379'}, 'target': {'endpoint': 'redis://cache:6379'}}")
                .refuseChangesOfFixedFields(vmTask);
        read("{'source': {'vmId': 'i-0abc', 'privateIp': '10.0.0.5', 'port': 6379},"
                + " 'target': {'endpoint': 'redis://cache:6379', 'instanceId': 'orders-cache'}}")
                .refuseChangesOfFixedFields(vmTask);
        assertThatThrownBy(() -> read("{'source': {'privateIp': '10.0.0.6', 'port': 6379},"
                + " 'target': {'endpoint': 'redis://cache:6379'}}").refuseChangesOfFixedFields(vmTask))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.body()).containsEntry("field",
                        "source.privateIp"));
        assertThatThrownBy(() -> read("{'source': {'endpoint': 'redis://10.0.0.5:6379'},"
                + " 'target': {'endpoint': 'redis://cache:6379', 'instanceId': 'other-cache'}}")
                .refuseChangesOfFixedFields(vmTask))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.body()).containsEntry("field",
                        "target.instanceId"));
    }

    private static void assertRefused(String json, String field, String mentioned) {
        assertRefused(json, ConsoleMode.LOCAL, field, mentioned);
    }

    private static void assertRefused(String json, ConsoleMode mode, String field, String mentioned) {
        assertThatThrownBy(() -> read(json, mode)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.body()).containsEntry("field", field);
            assertThat(e.getMessage()).contains(mentioned);
        });
    }
}
