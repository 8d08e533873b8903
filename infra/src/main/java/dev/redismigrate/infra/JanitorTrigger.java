package dev.redismigrate.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * An execution that ends without running its own cleanup (aborted by a person, timed out, failed outside a Catch)
 * may leave the target locked, parameters changed or a sync task running: EventBridge hands it to the janitor.
 *
 * <p>Nothing is dropped silently. EventBridge retries the delivery (8 attempts within 6 hours) and puts an event it
 * could not deliver in the dead-letter queue; the janitor is invoked asynchronously, so Lambda retries a janitor that
 * throws (it does while anything is left undone) twice and then sends the event to the same queue. A message in the
 * queue raises the alarm: a person runs the janitor's job again (docs/deployment.md).
 */
public final class JanitorTrigger extends Construct {
    public static final List<String> STATUSES = List.of("ABORTED", "TIMED_OUT", "FAILED");

    private final Rule rule;
    private final Queue deadLetters;
    private final Alarm alarm;

    public JanitorTrigger(Construct scope, String id, IStateMachine stateMachine, IFunction janitor) {
        super(scope, id);
        deadLetters = Queue.Builder.create(this, "DeadLetters")
                .retentionPeriod(Duration.days(14))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .build();
        rule = Rule.Builder.create(this, "Rule")
                .description("redis-migrate: clean up after executions that ended ABORTED, TIMED_OUT or FAILED")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.states"))
                        .detailType(List.of("Step Functions Execution Status Change"))
                        .detail(Map.of(
                                "status", STATUSES,
                                "stateMachineArn", List.of(stateMachine.getStateMachineArn())))
                        .build())
                .targets(List.of(LambdaFunction.Builder.create(janitor)
                        .retryAttempts(8)
                        .maxEventAge(Duration.hours(6))
                        .deadLetterQueue(deadLetters)
                        .build()))
                .build();
        janitor.configureAsyncInvoke(EventInvokeConfigOptions.builder()
                .retryAttempts(2)
                .maxEventAge(Duration.hours(6))
                .onFailure(new SqsDestination(deadLetters))
                .build());
        alarm = Alarm.Builder.create(this, "CleanupFailed")
                .alarmDescription("redis-migrate: the janitor could not clean up after an execution (a target may still"
                        + " be locked or source parameters changed); the event is in the janitor's dead-letter queue")
                .metric(deadLetters.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .period(Duration.minutes(5)).statistic("Maximum").build()))
                .threshold(0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    public Rule rule() {
        return rule;
    }

    public Queue deadLetters() {
        return deadLetters;
    }

    public Alarm alarm() {
        return alarm;
    }
}
