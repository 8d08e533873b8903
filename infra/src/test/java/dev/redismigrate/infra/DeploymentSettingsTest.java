package dev.redismigrate.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentSettingsTest {
    private final Map<String, Object> context = new HashMap<>(Map.of(
            "vpcId", "vpc-1",
            "subnetIds", "subnet-a, subnet-b",
            "securityGroupIds", "sg-1",
            "routeTableIds", "rtb-1"));

    @Test
    void defaultsPointAtTheBuildOutputsAndASmallSyncTask() {
        DeploymentSettings settings = DeploymentSettings.fromContext(context::get);
        assertThat(settings.subnetIds()).containsExactly("subnet-a", "subnet-b");
        assertThat(settings.securityGroupIds()).containsExactly("sg-1");
        assertThat(settings.functionsZip()).isEqualTo(Path.of("../functions/target/functions.zip"));
        assertThat(settings.definitionFile()).isEqualTo(Path.of("../statemachine/migration.asl.json"));
        assertThat(settings.secretPrefix()).isEqualTo("redis-migrate/");
        assertThat(settings.syncRunnerCpu()).isEqualTo(1024);
        assertThat(settings.syncRunnerMemoryMiB()).isEqualTo(2048);
        assertThat(settings.syncRunnerEphemeralStorageGiB()).isEqualTo(50);
        assertThat(settings.assignPublicIp()).isFalse();
        assertThat(settings.logRetention()).isEqualTo("ONE_MONTH");
        assertThat(settings.vpcEndpoints()).isTrue();
        assertThat(settings.routeTableIds()).containsExactly("rtb-1");
        assertThat(settings.lagAlarmSeconds()).isEqualTo(60);
        assertThat(settings.lagAlarmMinutes()).isEqualTo(5);
    }

    @Test
    void aLagAlarmThatCouldNeverFireIsRefused() {
        context.put("lagAlarmMinutes", "0");
        assertThatThrownBy(() -> DeploymentSettings.fromContext(context::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'lagAlarmMinutes' (1 or more)");
    }

    @Test
    void readsListsAndNumbersAsCdkJsonGivesThem() {
        context.put("subnetIds", List.of("subnet-x", "subnet-y"));
        context.put("syncRunnerCpu", 2048);
        context.put("syncRunnerMemoryMiB", "8192");
        context.put("assignPublicIp", "true");
        DeploymentSettings settings = DeploymentSettings.fromContext(context::get);
        assertThat(settings.subnetIds()).containsExactly("subnet-x", "subnet-y");
        assertThat(settings.syncRunnerCpu()).isEqualTo(2048);
        assertThat(settings.syncRunnerMemoryMiB()).isEqualTo(8192);
        assertThat(settings.assignPublicIp()).isTrue();
    }

    @Test
    void aMissingNetworkValueSaysWhichAndHowToGiveIt() {
        context.remove("vpcId");
        assertThatThrownBy(() -> DeploymentSettings.fromContext(context::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Missing context value 'vpcId': the id of the VPC to run in, e.g. "
                        + "-c vpcId=vpc-0123456789abcdef0 (see docs/deployment.md)");
        context.put("vpcId", "vpc-1");
        context.put("subnetIds", " , ");
        assertThatThrownBy(() -> DeploymentSettings.fromContext(context::get))
                .hasMessageStartingWith("Missing context value 'subnetIds'");
    }

    @Test
    void aMalformedValueFailsInOneLine() {
        context.put("syncRunnerCpu", "one");
        assertThatThrownBy(() -> DeploymentSettings.fromContext(context::get))
                .hasMessage("Context value 'syncRunnerCpu' must be a whole number, not 'one'");
        context.remove("syncRunnerCpu");
        context.put("assignPublicIp", "yes");
        assertThatThrownBy(() -> DeploymentSettings.fromContext(context::get))
                .hasMessage("Context value 'assignPublicIp' must be true or false, not 'yes'");
    }
}
