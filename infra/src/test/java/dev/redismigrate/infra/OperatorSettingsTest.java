package dev.redismigrate.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The VPC endpoints of a first deploy and the lag alarm, as the context turns them on, off and sizes them. */
@RequiresNode
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class OperatorSettingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void byDefaultEveryApiTheCodeCallsHasAnEndpointInTheMigrationsSubnets() {
        MigrationStack stack = StackFixture.synth(StackFixture.context());
        JsonNode resources = JSON.valueToTree(Template.fromStack(stack).toJSON()).path("Resources");
        List<JsonNode> endpoints = ofType(resources, "AWS::EC2::VPCEndpoint");

        assertThat(endpoints).extracting(e -> service(e.path("Properties")))
                .containsExactlyInAnyOrder("dynamodb", "s3", "states", "secretsmanager", "ecs", "ecr.api", "ecr.dkr",
                        "logs", "ec2", "elasticache", "scheduler", "events");
        for (JsonNode endpoint : endpoints) {
            JsonNode properties = endpoint.path("Properties");
            assertThat(properties.path("VpcId").asText()).isEqualTo(StackFixture.VPC);
            if (properties.path("VpcEndpointType").asText().equals("Gateway")) {
                assertThat(properties.path("RouteTableIds")).containsExactly(JSON.valueToTree(StackFixture.ROUTE_TABLE));
            } else {
                assertThat(properties.path("VpcEndpointType").asText()).isEqualTo("Interface");
                assertThat(properties.path("PrivateDnsEnabled").asBoolean()).isTrue();
                assertThat(properties.path("SubnetIds")).containsExactly(JSON.valueToTree(StackFixture.SUBNET_A),
                        JSON.valueToTree(StackFixture.SUBNET_B));
            }
        }
    }

    @Test
    void theInterfaceEndpointsAdmitHttpsFromTheMigrationOnly() {
        Template template = Template.fromStack(StackFixture.synth(StackFixture.context()));
        template.hasResourceProperties("AWS::EC2::SecurityGroup", Map.of(
                "GroupDescription", Match.stringLikeRegexp("VPC endpoints"),
                "SecurityGroupIngress", List.of(Match.objectLike(Map.of(
                        "IpProtocol", "tcp", "FromPort", 443, "ToPort", 443,
                        "SourceSecurityGroupId", Match.anyValue())))));
    }

    @Test
    void withTheFlagOffThereAreNoEndpointsAndNoRouteTablesAreAskedFor() {
        Map<String, Object> context = StackFixture.context();
        context.put("vpcEndpoints", "false");
        context.remove("routeTableIds");
        Template.fromStack(StackFixture.synth(context)).resourceCountIs("AWS::EC2::VPCEndpoint", 0);
    }

    @Test
    void endpointsWithoutRouteTablesStopTheSynthSayingWhatToGive() {
        Map<String, Object> context = StackFixture.context();
        context.remove("routeTableIds");
        assertThatThrownBy(() -> StackFixture.synth(context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Missing context value 'routeTableIds'")
                .hasMessageContaining("-c vpcEndpoints=false");
    }

    @Test
    void theLagAlarmWatchesTheStacksLargestLagAndNotifiesItsTopic() {
        Map<String, Object> context = StackFixture.context();
        context.put("lagAlarmSeconds", "120");
        context.put("lagAlarmMinutes", "3");
        MigrationStack stack = StackFixture.synth(context);
        Template template = Template.fromStack(stack);

        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Namespace", "RedisMigrate",
                "MetricName", "LagSeconds",
                "Dimensions", List.of(Map.of("Name", "Stack", "Value", "RedisMigrate")),
                "Statistic", "Maximum",
                "Period", 60,
                "Threshold", 120,
                "EvaluationPeriods", 3,
                "DatapointsToAlarm", 3,
                "ComparisonOperator", "GreaterThanThreshold")));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "MetricName", "LagSeconds",
                "TreatMissingData", "notBreaching",
                "AlarmActions", List.of(Map.of("Ref", StackFixture.logicalId(stack.lagAlarm().topic()))))));
        template.hasOutput("AlarmTopicArn", Map.of("Value", Map.of("Ref", StackFixture.logicalId(stack.lagAlarm().topic()))));
        template.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of("ContainerDefinitions", List.of(
                Match.objectLike(Map.of("Environment", Match.arrayWith(List.of(
                        Map.of("Name", "REDIS_MIGRATE_STACK", "Value", "RedisMigrate"))))))));
    }

    @Test
    void aZeroThresholdMeansNoLagAlarm() {
        Map<String, Object> context = StackFixture.context();
        context.put("lagAlarmSeconds", "0");
        MigrationStack stack = StackFixture.synth(context);
        assertThat(stack.lagAlarm()).isNull();
        Template template = Template.fromStack(stack);
        template.resourceCountIs("AWS::SNS::Topic", 0);
        assertThat(template.findOutputs("AlarmTopicArn")).isEmpty();
    }

    private static String service(JsonNode properties) {
        // {"Fn::Join": ["", ["com.amazonaws.", {"Ref": "AWS::Region"}, ".SERVICE"]]}
        List<JsonNode> parts = new ArrayList<>();
        properties.path("ServiceName").path("Fn::Join").get(1).forEach(parts::add);
        return parts.get(parts.size() - 1).asText().substring(1);
    }

    private static List<JsonNode> ofType(JsonNode resources, String type) {
        List<JsonNode> matching = new ArrayList<>();
        resources.forEach(resource -> {
            if (resource.path("Type").asText().equals(type)) {
                matching.add(resource);
            }
        });
        return matching;
    }
}
