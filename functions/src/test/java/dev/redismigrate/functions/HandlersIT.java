package dev.redismigrate.functions;

import static dev.redismigrate.functions.TestServices.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.ParameterSetting;
import dev.redismigrate.core.task.TaskStateException;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.usecase.cloud.CleanupIncompleteException;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * The handlers as the Lambda runtime calls them (JSON in, JSON out) against real Redis servers, with the tasks in
 * memory and the AWS calls recorded: create (validate, start now / later / far ahead), the steps of one run, signals,
 * and the janitor after an execution that ended without its own cleanup. The state machine's own use of the steps is
 * tested in module statemachine.
 */
@Timeout(60)
class HandlersIT {
    private static final String SOURCE_PASSWORD = "s0urce-pass";

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    private final TestServices test = new TestServices(Map.of("ORDERS_SOURCE_PASSWORD", SOURCE_PASSWORD));
    private RedisServer source;
    private RedisServer target;
    private String repltimeoutBefore;
    private List<String> aclBefore;

    @BeforeEach
    void servers() {
        source = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().password(SOURCE_PASSWORD));
        target = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().aclUser("app on >app-pass ~* &* +@all"));
        repltimeoutBefore = replTimeout();
        aclBefore = target.aclList();
    }

    @Test
    void createValidatesAndStartsTheExecutionAtOnce() {
        JsonNode created = create(null, "null", "");

        assertThat(created.get("status").asText()).isEqualTo("VALIDATING");
        String id = created.get("taskId").asText();
        assertThat(created.get("executionName").asText()).isEqualTo("mig-" + id);
        assertThat(created.get("scheduled").asBoolean()).isFalse();
        assertThat(test.awsCalls).containsExactly("start mig-" + id);
        MigrationTask task = test.store.find(id).orElseThrow();
        assertThat(task.parameters()).extracting(ParameterSetting::name, ParameterSetting::requested)
                .contains(org.assertj.core.groups.Tuple.tuple("repl-timeout", "600"));
        assertThat(task.source().endpoint().password().reference()).as("only the reference is stored").isEqualTo("env:ORDERS_SOURCE_PASSWORD");
    }

    @Test
    void aValidationErrorCreatesTheTaskWithItsReportAndStartsNothing() {
        try (Jedis jedis = target.client()) {
            jedis.set("left-over", "1");
        }
        JsonNode created = create(null, "null", "");

        assertThat(created.get("status").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(created.get("executionName").isNull()).isTrue();
        assertThat(created.at("/validation/results").toString()).contains("target.empty").contains("ERROR");
        assertThat(test.awsCalls).isEmpty();
    }

    @Test
    void aStartWithinAWeekWaitsInTheExecutionAndOneFurtherAheadIsScheduled() {
        Instant soon = Instant.now().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant far = Instant.now().plus(Duration.ofDays(40)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        JsonNode waiting = create(null, "\"" + soon + "\"", "");
        target = redis.start(RedisVersion.SYSTEM); // one scheduled task per target: validation refuses a second
        JsonNode scheduled = create("later", "\"" + far + "\"", "");

        assertThat(waiting.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(scheduled.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(scheduled.get("scheduled").asBoolean()).isTrue();
        assertThat(test.awsCalls).containsExactly(
                "start mig-" + waiting.get("taskId").asText() + " waiting until " + soon,
                "schedule mig-" + scheduled.get("taskId").asText() + " at " + far);
    }

    @Test
    void theStepsOfOneRunLockSetRestoreAndUnlockForReal() {
        String id = create(null, "null", ", \"start\": false").get("taskId").asText();
        assertThat(test.store.find(id).orElseThrow().status()).isEqualTo(TaskStatus.VALIDATED);
        String ref = "{\"taskId\":\"" + id + "\"}";

        JsonNode validation = invoke(new ValidateHandler(test.services), ref);
        assertThat(validation.get("passed").asBoolean()).as(validation.toString()).isTrue();
        assertThat(test.store.find(id).orElseThrow().status()).as("start pressed, validated again").isEqualTo(TaskStatus.SYNCING);

        JsonNode lock = invoke(new LockTargetHandler(test.services), ref);
        assertThat(lock.get("locked").asBoolean()).isTrue();
        assertThat(target.canWrite("app", "app-pass")).isFalse();
        assertThat(test.claims.holder(target.host() + ":" + target.port())).contains(id);

        JsonNode set = invoke(new SetParametersHandler(test.services), ref);
        assertThat(set.get("settings").findValues("applied")).allMatch(JsonNode::asBoolean);
        assertThat(replTimeout()).isEqualTo("600");

        invoke(new RestoreParametersHandler(test.services), ref);
        invoke(new UnlockTargetHandler(test.services), ref);
        assertThat(replTimeout()).isEqualTo(repltimeoutBefore);
        assertThat(target.aclList()).isEqualTo(aclBefore);
        assertThat(test.claims.holder(target.host() + ":" + target.port())).isEmpty();

        JsonNode outcome = invoke(new RecordOutcomeHandler(test.services),
                "{\"taskId\":\"" + id + "\",\"run\":{\"error\":{\"Error\":\"Migration.Cancelled\",\"Cause\":\"by a person\"}}}");
        assertThat(outcome.get("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void cancellingAScheduledTaskStopsItsWaitingExecution() {
        String id = create(null, "\"" + Instant.now().plus(Duration.ofHours(2)) + "\"", "").get("taskId").asText();
        test.awsCalls.clear();

        JsonNode result = invoke(new SignalHandler(test.services), "{\"taskId\":\"" + id + "\",\"action\":\"CANCEL\"}");

        assertThat(result.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(test.awsCalls).containsExactly("stop mig-" + id);
    }

    @Test
    void finishIsADesiredStateForASyncingTaskAndRefusedBeforeIt() {
        String id = create("orders", "null", "").get("taskId").asText();
        SignalHandler signal = new SignalHandler(test.services);

        assertThatThrownBy(() -> invoke(signal, "{\"taskId\":\"orders\",\"action\":\"FINISH\"}"))
                .isInstanceOf(TaskStateException.class).hasMessageContaining("only a syncing task can be finished");
        invoke(new ValidateHandler(test.services), "{\"taskId\":\"" + id + "\"}");
        JsonNode result = invoke(signal, "{\"taskId\":\"orders\",\"action\":\"FINISH\",\"force\":true}");

        assertThat(result.get("desired").asText()).isEqualTo("FINISH");
        assertThat(test.store.find(id).orElseThrow().forcedFinish()).isTrue();
        assertThat(test.awsCalls).as("a running task is not stopped from outside").doesNotContain("stop mig-" + id);
    }

    @Test
    void theJanitorUndoesWhatAnAbortedExecutionLeftAndFailsTheTaskOnce() {
        String id = runningTask();
        test.awsCalls.clear();

        JsonNode report = invoke(new JanitorHandler(test.services), aborted(id));

        assertThat(test.awsCalls).containsExactly("stop containers of mig-" + id);
        assertThat(report.get("actions").toString()).contains("restored the source parameters", "unlocked the target", "recorded FAILED");
        assertThat(replTimeout()).isEqualTo(repltimeoutBefore);
        assertThat(target.aclList()).isEqualTo(aclBefore);
        assertThat(target.canWrite("app", "app-pass")).isTrue();
        assertThat(test.claims.holder(target.host() + ":" + target.port())).isEmpty();
        MigrationTask failed = test.store.find(id).orElseThrow();
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.failure()).isEqualTo("the execution mig-" + id + " ended ABORTED; the janitor cleaned up after it");

        JsonNode again = invoke(new JanitorHandler(test.services), aborted(id));
        assertThat(again.get("actions").toString()).doesNotContain("restored", "unlocked", "recorded");
        assertThat(test.store.find(id).orElseThrow().failure()).isEqualTo(failed.failure());
    }

    @Test
    void theJanitorCancelsATaskWhoseWaitingExecutionWasStopped() {
        String id = create(null, "\"" + Instant.now().plus(Duration.ofHours(2)) + "\"", "").get("taskId").asText();

        invoke(new JanitorHandler(test.services), aborted(id));

        assertThat(test.store.find(id).orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);
    }

    @Test
    void whatTheJanitorCannotUndoIsRecordedAndThrownSoTheEventComesAgain() {
        String id = runningTask();
        source.kill();

        assertThatThrownBy(() -> invoke(new JanitorHandler(test.services), aborted(id)))
                .isInstanceOf(CleanupIncompleteException.class).hasMessageContaining("restoring source parameters");

        MigrationTask failed = test.store.find(id).orElseThrow();
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.failure()).contains("ended ABORTED").contains("(and cleanup failed: restoring source parameters: ");
        assertThat(failed.parameters()).as("kept for the next attempt").allMatch(ParameterSetting::applied);
        assertThat(target.aclList()).as("the target is unlocked all the same").isEqualTo(aclBefore);
    }

    // ---- helpers ----

    /** A task created through the handler, as docs/deployment.md shows it (name null: a unique one); {@code more} adds fields. */
    private JsonNode create(String name, String scheduledStart, String more) {
        String request = """
                {"name": "%s",
                 "source": {"endpoint": {"host": "%s", "port": %d, "tls": false, "password": "env:ORDERS_SOURCE_PASSWORD"}},
                 "target": {"endpoint": {"host": "%s", "port": %d, "tls": false, "password": "none"}},
                 "scheduledStart": %s,
                 "parameters": {"repl-timeout": "600"}%s}
                """.formatted(name == null ? "orders-" + System.nanoTime() : name, source.host(), source.port(), target.host(), target.port(), scheduledStart, more);
        return invoke(new CreateTaskHandler(test.services), request);
    }

    /** A task between validation and the sync: locked, parameters set (what an aborted execution leaves). */
    private String runningTask() {
        String id = create(null, "null", "").get("taskId").asText();
        String ref = "{\"taskId\":\"" + id + "\"}";
        invoke(new ValidateHandler(test.services), ref);
        invoke(new LockTargetHandler(test.services), ref);
        invoke(new SetParametersHandler(test.services), ref);
        assertThat(replTimeout()).isEqualTo("600");
        return id;
    }

    private static String aborted(String taskId) {
        return """
                {"detail-type": "Step Functions Execution Status Change", "source": "aws.states",
                 "detail": {"executionArn": "arn:aws:states:eu-west-1:123456789012:execution:RedisMigrate-migration:mig-%1$s",
                            "name": "mig-%1$s", "status": "ABORTED", "input": "{\\"taskId\\":\\"%1$s\\"}",
                            "error": null, "cause": null}}
                """.formatted(taskId);
    }

    private String replTimeout() {
        try (Jedis jedis = source.client()) {
            return jedis.configGet("repl-timeout").get("repl-timeout");
        }
    }

}
