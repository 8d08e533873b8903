package dev.redismigrate.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** What a deployment is told changes the template, and what it is told wrong stops the synth with one clear line. */
@RequiresNode
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StackSettingsTest {
    @TempDir
    Path dir;

    @Test
    void aDefinitionKeyTheStackDoesNotSupplyStopsTheSynth() throws IOException {
        Path definition = dir.resolve("migration.asl.json");
        Files.writeString(definition, Files.readString(StackFixture.definition())
                .replace("\"StartAt\"", "\"Comment\": \"${NotSuppliedKey}\", \"StartAt\""));
        Map<String, Object> context = StackFixture.context();
        context.put("definitionFile", definition.toString());

        assertThatThrownBy(() -> StackFixture.synth(context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uses ${NotSuppliedKey} but the stack supplies no value for it");
    }

    @Test
    void aTaskIntegrationWithoutKnownPermissionsStopsTheSynth() throws IOException {
        Path definition = dir.resolve("migration.asl.json");
        Files.writeString(definition, """
                {"StartAt": "Q", "States": {"Q": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "End": true}}}
                """);
        Map<String, Object> context = StackFixture.context();
        context.put("definitionFile", definition.toString());

        assertThatThrownBy(() -> StackFixture.synth(context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("calls arn:aws:states:::sqs:sendMessage, which infra grants nothing for");
    }

    @Test
    void aMissingFunctionsBuildSaysHowToMakeIt() {
        Map<String, Object> context = StackFixture.context();
        context.put("functionsZip", dir.resolve("functions.zip").toString());

        assertThatThrownBy(() -> StackFixture.synth(context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Lambda code not found: ")
                .hasMessageContaining("./mvnw -B -q -pl functions -am package");
    }

    @Test
    void syncTaskSizePlatformAndPublicIpComeFromTheContext() {
        Map<String, Object> context = StackFixture.context();
        context.put("syncRunnerCpu", "2048");
        context.put("syncRunnerMemoryMiB", "8192");
        context.put("syncRunnerEphemeralStorageGiB", "120");
        context.put("syncRunnerArm64", "true");
        context.put("assignPublicIp", "true");
        context.put("secretPrefix", "prod/redis/");
        context.put("logRetention", "one_week");
        Template template = Template.fromStack(StackFixture.synth(context));

        template.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
                "Cpu", "2048",
                "Memory", "8192",
                "EphemeralStorage", Map.of("SizeInGiB", 120),
                "RuntimePlatform", Map.of("CpuArchitecture", "ARM64", "OperatingSystemFamily", "LINUX")));
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables",
                Match.objectLike(Map.of("REDIS_MIGRATE_SYNC_ASSIGN_PUBLIC_IP", "true")))));
        assertThat(template.toJSON().toString()).contains(":secret:prod/redis/*").doesNotContain(":secret:redis-migrate/*");
        template.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 7));
    }

    @Test
    void anExistingFenceGroupIsUsedAsItIsAndTheFencePortsComeFromTheContext() {
        Map<String, Object> existing = StackFixture.context();
        existing.put("fenceSecurityGroupId", "sg-0fe0fe0fe0fe0fe0f");
        existing.put("vpcEndpoints", "false");
        Template imported = Template.fromStack(StackFixture.synth(existing));
        imported.resourceCountIs("AWS::EC2::SecurityGroup", 1);
        imported.resourceCountIs("AWS::EC2::SecurityGroupIngress", 0);
        imported.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables",
                Match.objectLike(Map.of("REDIS_MIGRATE_FENCE_SECURITY_GROUPS", "sg-0fe0fe0fe0fe0fe0f")))));

        Map<String, Object> range = StackFixture.context();
        range.put("fencePorts", "6379-6390");
        Template created = Template.fromStack(StackFixture.synth(range));
        created.hasResourceProperties("AWS::EC2::SecurityGroup", Map.of("SecurityGroupIngress", List.of(
                Match.objectLike(Map.of("IpProtocol", "tcp", "FromPort", 6379, "ToPort", 6390)))));
    }

    @Test
    void aFencePortRangeThatIsNoneSaysWhatItMustBe() {
        Map<String, Object> context = StackFixture.context();
        context.put("fencePorts", "6390-6379");
        assertThatThrownBy(() -> StackFixture.synth(context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Context value 'fencePorts' must be a port or a range");
    }

    @Test
    void anUnknownLogRetentionListsTheValidNames() {
        Map<String, Object> context = StackFixture.context();
        context.put("logRetention", "forever-ish");

        assertThatThrownBy(() -> StackFixture.synth(context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Context value 'logRetention' must be one of ")
                .hasMessageContaining("ONE_MONTH");
    }
}
