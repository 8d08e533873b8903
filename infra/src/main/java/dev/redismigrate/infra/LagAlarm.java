package dev.redismigrate.infra;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * The alarm an operator watches during a migration: the largest replication lag of the stack's running syncs stays
 * above {@code lagAlarmSeconds} for {@code lagAlarmMinutes} minutes. The metric is the one the sync container writes
 * to its log in Embedded Metric Format (sync-container: SyncMetrics), aggregated over tasks by its {@code Stack}
 * dimension. The alarm notifies an SNS topic of the stack; subscribing to it is the operator's choice. No sync
 * running means no data, which is not a breach.
 */
final class LagAlarm extends Construct {
    /** What the sync container writes (sync-container: SyncMetrics). */
    static final String NAMESPACE = "RedisMigrate";
    static final String LAG_METRIC = "LagSeconds";
    static final String STACK_DIMENSION = "Stack";

    private final Topic topic;
    private final Alarm alarm;

    LagAlarm(Construct scope, String id, DeploymentSettings settings) {
        super(scope, id);
        topic = Topic.Builder.create(this, "Topic")
                .displayName("redis-migrate alarms")
                .build();
        Metric lag = Metric.Builder.create()
                .namespace(NAMESPACE)
                .metricName(LAG_METRIC)
                .dimensionsMap(Map.of(STACK_DIMENSION, Stack.of(this).getStackName()))
                .statistic("Maximum")
                .period(Duration.minutes(1))
                .build();
        alarm = Alarm.Builder.create(this, "Alarm")
                .alarmDescription("A redis-migrate sync has lagged more than " + settings.lagAlarmSeconds()
                        + " s behind its source for " + settings.lagAlarmMinutes() + " minutes: see the task's"
                        + " progress (LagSeconds by TaskId) and the sync-runner's log")
                .metric(lag)
                .threshold(settings.lagAlarmSeconds())
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(settings.lagAlarmMinutes())
                .datapointsToAlarm(settings.lagAlarmMinutes())
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
        alarm.addOkAction(new SnsAction(topic));
    }

    Topic topic() {
        return topic;
    }

    Alarm alarm() {
        return alarm;
    }
}
