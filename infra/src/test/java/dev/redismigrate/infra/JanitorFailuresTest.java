package dev.redismigrate.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** A janitor event is never dropped silently: undeliverable or failed events land in a queue that raises an alarm. */
@RequiresNode
class JanitorFailuresTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode resources;

    @BeforeAll
    static void synth() {
        MigrationStack stack = StackFixture.synth(StackFixture.context());
        resources = JSON.valueToTree(Template.fromStack(stack).toJSON()).path("Resources");
    }

    @Test
    void eventsTheRuleCannotDeliverGoToTheDeadLetterQueue() {
        String queue = logicalIdOf("AWS::SQS::Queue");
        JsonNode target = only("AWS::Events::Rule").path("Properties").path("Targets").get(0);
        assertThat(target.path("DeadLetterConfig").path("Arn").path("Fn::GetAtt").get(0).asText()).isEqualTo(queue);
        assertThat(target.path("RetryPolicy").path("MaximumRetryAttempts").asInt()).isEqualTo(8);
    }

    @Test
    void aJanitorThatKeepsFailingIsRetriedTwiceThenItsEventGoesToTheSameQueue() {
        String queue = logicalIdOf("AWS::SQS::Queue");
        JsonNode config = only("AWS::Lambda::EventInvokeConfig").path("Properties");
        assertThat(config.path("MaximumRetryAttempts").asInt()).isEqualTo(2);
        assertThat(config.path("DestinationConfig").path("OnFailure").path("Destination").path("Fn::GetAtt").get(0).asText())
                .isEqualTo(queue);
    }

    @Test
    void aMessageInTheQueueRaisesTheAlarm() {
        List<JsonNode> queueAlarms = new ArrayList<>();
        resources.forEach(resource -> {
            if (resource.path("Properties").path("MetricName").asText().equals("ApproximateNumberOfMessagesVisible")) {
                queueAlarms.add(resource);
            }
        });
        assertThat(queueAlarms).hasSize(1);
        JsonNode alarm = queueAlarms.get(0).path("Properties");
        assertThat(alarm.path("Threshold").asInt()).isZero();
        assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");
        assertThat(alarm.path("Dimensions").get(0).path("Value").path("Fn::GetAtt").get(0).asText())
                .isEqualTo(logicalIdOf("AWS::SQS::Queue"));
    }

    private static JsonNode only(String type) {
        List<JsonNode> found = new ArrayList<>();
        resources.forEach(resource -> {
            if (resource.path("Type").asText().equals(type)) {
                found.add(resource);
            }
        });
        assertThat(found).as(type).hasSize(1);
        return found.get(0);
    }

    private static String logicalIdOf(String type) {
        List<String> ids = new ArrayList<>();
        resources.fields().forEachRemaining(entry -> {
            if (entry.getValue().path("Type").asText().equals(type)) {
                ids.add(entry.getKey());
            }
        });
        assertThat(ids).as(type).hasSize(1);
        return ids.get(0);
    }
}
