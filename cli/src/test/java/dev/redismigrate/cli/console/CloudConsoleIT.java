package dev.redismigrate.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.aws.execution.StepFunctionsExecutions;
import dev.redismigrate.cli.InProcessLambda;
import dev.redismigrate.cli.RecordedStepFunctions;
import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.core.store.InMemoryTargetClaim;
import dev.redismigrate.core.store.InMemoryTaskStore;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.validation.LocalCloudChecks;
import dev.redismigrate.functions.CreateTaskHandler;
import dev.redismigrate.functions.EditTaskHandler;
import dev.redismigrate.testkit.RedisServers;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * {@code redis-migrate console --cloud}: the same API over the cloud composition, with the task table in memory, Step
 * Functions as a recording fake and the create-task and edit-task functions run by their real handlers in this JVM
 * (their validation connects to real servers). The executions are not run: the test plays the sync container's part
 * where it writes the task's progress.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CloudConsoleIT {
    private static final String MACHINE = "arn:aws:states:eu-west-1:123456789012:stateMachine:RedisMigrate-migration";
    private static final String CREATE_FUNCTION = "arn:aws:lambda:eu-west-1:123456789012:function:RedisMigrate-CreateTask:live";
    private static final String EDIT_FUNCTION = "arn:aws:lambda:eu-west-1:123456789012:function:RedisMigrate-EditTask:live";

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final RecordedStepFunctions sfn = new RecordedStepFunctions();
    private final CloudServices services = new CloudServices(new CloudServices.Ports(store, new InMemoryTargetClaim(),
            new LocalSecretResolver(), new LocalCloudChecks(),
            new StepFunctionsExecutions(sfn, null, new StepFunctionsExecutions.Settings(MACHINE, null, null)),
            (name, reason) -> 0, Clock.systemUTC()));
    private final InProcessLambda lambda = new InProcessLambda(function -> function.equals(EDIT_FUNCTION)
            ? new EditTaskHandler(services) : new CreateTaskHandler(services));
    private Console console;
    private ConsoleClient api;

    @BeforeEach
    void startConsole() throws Exception {
        console = Console.cloud(services, lambda, CREATE_FUNCTION, EDIT_FUNCTION, "RedisMigrate-tasks",
                InetAddress.getByName("127.0.0.1"), 0);
        api = new ConsoleClient("http://127.0.0.1:" + console.port(), null);
    }

    @AfterEach
    void stopConsole() {
        console.close();
    }

    @Test
    void tasksAreCreatedEditedAndStartedThroughTheStackAndTheirProgressComesFromTheTable() {
        RedisServers.Pair pair = redis.sourceAndTarget();
        assertThat(api.get("/api/meta").body().get("mode").asText()).isEqualTo("cloud");
        Map<String, Object> form = ConsoleApiIT.form("orders", pair.source(), null, pair.target(), true);
        assertThat(api.post("/api/validations", ConsoleClient.json(form)).status()).isEqualTo(501);

        ConsoleClient.Answer created = api.post("/api/tasks", ConsoleClient.json(form));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.body().get("id").asText();
        assertThat(created.body().get("status").asText()).isEqualTo("VALIDATED");
        assertThat(lambda.invoked()).containsExactly(CREATE_FUNCTION);
        assertThat(sfn.calls()).as("created without starting").isEmpty();

        Map<String, Object> renamed = ConsoleApiIT.form("orders-v2", pair.source(), null, pair.target(), true);
        ConsoleClient.Answer edited = api.put("/api/tasks/" + id, ConsoleClient.json(renamed));
        assertThat(edited.status()).as(edited.text()).isEqualTo(200);
        assertThat(edited.body().get("name").asText()).isEqualTo("orders-v2");
        assertThat(lambda.invoked()).containsExactly(CREATE_FUNCTION, EDIT_FUNCTION);

        ConsoleClient.Answer started = api.post("/api/tasks/" + id + "/start", "{}");
        assertThat(started.status()).as(started.text()).isEqualTo(200);
        assertThat(started.body().get("status").asText()).isEqualTo("VALIDATING");
        assertThat(sfn.calls()).containsExactly("start mig-" + id);

        // what the execution and its sync container write into the table
        store.update(id, t -> t.moveTo(TaskStatus.SYNCING, Instant.now()));
        store.saveProgress(id, new Progress(Instant.now(), SyncPhase.INCREMENTAL, 100, 100, 100, 0, 3, 42, 40, 2, 5,
                1.0, Map.of(0, new DbKeyCount(3, 0)), Map.of(0, new DbKeyCount(2, 0)), "replid", Instant.now(), null));
        ConsoleClient.await(() -> api.get("/api/tasks/" + id + "/progress").body().size() == 1, "a progress sample");
        JsonNode sample = api.get("/api/tasks/" + id + "/progress").body().get(0);
        assertThat(sample.get("sourceOffset").asLong()).isEqualTo(42);
        assertThat(sample.get("targetKeys").get("0").asLong()).isEqualTo(2);
        assertThat(api.post("/api/tasks/" + id + "/verify", "{\"mode\": \"counts\"}").status()).isEqualTo(501);
        assertThat(api.get("/api/tasks/" + id).body().get("allowedActions")).extracting(JsonNode::asText)
                .as("what cannot work here is not offered").containsExactly("finish", "cancel");

        ConsoleClient.Answer finish = api.post("/api/tasks/" + id + "/finish", "{\"force\": true}");
        assertThat(finish.status()).as(finish.text()).isEqualTo(200);
        assertThat(finish.body().get("desired").asText()).isEqualTo("FINISH");
        assertThat(finish.body().get("finishForced").asBoolean()).isTrue();
    }

    @Test
    void aTaskWithAnErrorIsKeptByTheStackAndNamedInTheRefusalAndCancelStopsAWaitingExecution() {
        RedisServers.Pair pair = redis.sourceAndTarget();
        try (Jedis t = pair.target().client()) {
            t.set("left", "over");
        }
        ConsoleClient.Answer refused = api.post("/api/tasks", ConsoleClient.json(ConsoleApiIT.form("orders",
                pair.source(), null, pair.target(), true)));

        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        assertThat(ConsoleApiIT.check(refused.body().get("validation"), "target.empty").get("severity").asText())
                .isEqualTo("ERROR");
        String kept = refused.body().get("taskId").asText();
        assertThat(api.get("/api/tasks/" + kept).body().get("status").asText()).isEqualTo("VALIDATION_FAILED");

        try (Jedis t = pair.target().client()) {
            t.del("left");
        }
        Map<String, Object> later = ConsoleApiIT.form("orders", pair.source(), null, pair.target(), true);
        later.put("scheduledStart", Instant.now().plusSeconds(3600).toString());
        String id = api.post("/api/tasks", ConsoleClient.json(later)).body().get("id").asText();
        assertThat(api.post("/api/tasks/" + id + "/start", "{}").body().get("status").asText())
                .as("start now: the schedule is cleared first").isEqualTo("VALIDATING");

        ConsoleClient.Answer cancelled = api.post("/api/tasks/" + id + "/cancel", "");

        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(api.get("/api/tasks?status=VALIDATING").body()).extracting(t -> t.get("id").asText()).contains(id);
        assertThat(cancelled.body().get("desired").asText()).isEqualTo("CANCEL");
        assertThat(sfn.calls()).isEqualTo(List.of("start mig-" + id));
    }
}
