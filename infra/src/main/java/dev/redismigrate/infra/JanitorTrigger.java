package dev.redismigrate.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * An execution that ends without running its own cleanup (aborted by a person, timed out, failed outside a Catch)
 * may leave the target locked, parameters changed or a sync task running: EventBridge hands it to the janitor.
 */
public final class JanitorTrigger extends Construct {
    public static final List<String> STATUSES = List.of("ABORTED", "TIMED_OUT", "FAILED");

    private final Rule rule;

    public JanitorTrigger(Construct scope, String id, IStateMachine stateMachine, IFunction janitor) {
        super(scope, id);
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
                        .build()))
                .build();
    }

    public Rule rule() {
        return rule;
    }
}
