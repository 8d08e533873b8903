package dev.redismigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.aws.execution.StepFunctionsExecutions;
import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisUri;
import dev.redismigrate.core.store.InMemoryTargetClaim;
import dev.redismigrate.core.store.InMemoryTaskStore;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.usecase.cloud.CreateTaskRequest;
import dev.redismigrate.core.usecase.cloud.TargetRequest;
import dev.redismigrate.core.validation.LocalCloudChecks;
import dev.redismigrate.functions.EditTaskHandler;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * {@code redis-migrate task edit | start | resume} against real Redis servers, with the task table in memory, Step
 * Functions as a fake of its SDK interface that keeps the requests, and Lambda as a fake that runs the real edit-task
 * handler in this JVM (its validation connects to the servers).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TaskRunsCommandIT {
    private static final String MACHINE = "arn:aws:states:eu-west-1:123456789012:stateMachine:RedisMigrate-migration";
    private static final String EDIT_FUNCTION = "arn:aws:lambda:eu-west-1:123456789012:function:RedisMigrate-EditTask:live";

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private RedisServer source;
    private RedisServer target;

    private final RecordedStepFunctions sfn = new RecordedStepFunctions();
    private final List<String> sfnCalls = sfn.calls();

    /** Starts within a week only: no schedule group, so no EventBridge Scheduler call. */
    private final CloudServices services = new CloudServices(new CloudServices.Ports(store, new InMemoryTargetClaim(),
            new LocalSecretResolver(), new LocalCloudChecks(),
            new StepFunctionsExecutions(sfn, null, new StepFunctionsExecutions.Settings(MACHINE, null, null)),
            (name, reason) -> 0, Clock.systemUTC()));

    /** The edit-task function, run by its real handler. */
    private final InProcessLambda lambda = new InProcessLambda(function -> {
        assertThat(function).isEqualTo(EDIT_FUNCTION);
        return new EditTaskHandler(services);
    });

    @BeforeEach
    void servers() {
        source = redis.start();
        target = redis.start();
    }

    @Test
    void anEditedScheduledTaskLosesItsWaitingExecutionAndStartsAgainUnderTheNextName() {
        Instant at = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        String id = scheduled(at);

        Instant later = at.plus(Duration.ofHours(1));
        assertThat(run("edit", "orders", "--name", "orders-v2", "--start-at", later.toString(), "--param", "repl-timeout=900"))
                .as(out + "\n" + err).isZero();

        assertThat(out.toString()).contains("orders-v2 (" + id + ") VALIDATED")
                .contains("not started: start it with redis-migrate task start " + id);
        assertThat(sfnCalls).containsExactly("start mig-" + id, "stop mig-" + id);
        assertThat(store.resolve(id).scheduledStart()).isEqualTo(later);

        assertThat(run("start", "orders-v2")).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("started   execution mig-" + id + "-2, waiting until " + later);
        assertThat(sfnCalls).last().isEqualTo("start mig-" + id + "-2");
    }

    @Test
    void anEditWithAPasswordInTheUriIsRefusedBeforeAnythingIsSent() {
        String id = scheduled(Instant.now().plus(Duration.ofHours(2)));
        assertThat(run("edit", id, "--source", "redis://:secret@127.0.0.1:" + source.port())).isEqualTo(2);
        assertThat(err.toString()).contains("--source-password-secret").doesNotContain("secret@");
        assertThat(store.resolve(id).status()).isEqualTo(TaskStatus.SCHEDULED);
    }

    @Test
    void aFailedTaskResumesInANewExecutionAndACancelledOneIsRefused() {
        String id = scheduled(null);
        store.update(id, t -> t.moveTo(TaskStatus.SYNCING, Instant.now()).failed("source lost", Instant.now()));

        assertThat(run("resume", id)).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("orders (" + id + ") SYNCING").contains("started   execution mig-" + id + "-2");
        assertThat(run("resume", id)).as("its execution runs").isEqualTo(2);
        assertThat(err.toString()).contains("its execution mig-" + id + "-2 still runs");

        store.update(id, t -> t.moveTo(TaskStatus.CANCELLED, Instant.now()));
        assertThat(run("resume", id)).isEqualTo(2);
        assertThat(err.toString()).contains("a cancelled task stays cancelled");
        assertThat(sfnCalls).containsExactly("start mig-" + id, "start mig-" + id + "-2");
    }

    /** A task created and started through the create-task function's use case (validated against the servers). */
    private String scheduled(Instant at) {
        MigrationTask task = store.resolve(services.createAndStartTask().create(new CreateTaskRequest("orders",
                SourceSpec.of(RedisUri.parse(source.uri())), TargetRequest.of(TargetSpec.of(RedisUri.parse(target.uri()))),
                at, Map.of(), true)).taskId());
        assertThat(task.status()).isIn(TaskStatus.SCHEDULED, TaskStatus.VALIDATING);
        return task.id();
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = new CommandLine(new TaskCommand(new CloudConnection() {
            @Override
            public CloudServices services(Map<String, String> env) {
                return services;
            }

            @Override
            public LambdaClient lambda(Map<String, String> env) {
                return lambda;
            }
        }));
        cli.setExecutionExceptionHandler(new OneLineErrors());
        cli.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--table", "tasks", "--region", "eu-west-1", "--state-machine-arn", MACHINE));
        if (args[0].equals("edit")) {
            all.addAll(List.of("--edit-function", EDIT_FUNCTION));
        }
        return cli.execute(all.toArray(String[]::new));
    }
}
