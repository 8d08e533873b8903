package dev.redismigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redismigrate.aws.CloudServices;
import dev.redismigrate.aws.execution.StepFunctionsExecutions;
import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.store.InMemoryTargetClaim;
import dev.redismigrate.core.store.InMemoryTaskStore;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.validation.LocalCloudChecks;
import dev.redismigrate.functions.CreateTaskHandler;
import dev.redismigrate.functions.UnlockTargetHandler;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;
import redis.clients.jedis.Jedis;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.DeleteScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.DeleteScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StopExecutionRequest;

/**
 * {@code redis-migrate task ...} against real Redis servers, with the task table in memory, Step Functions and
 * EventBridge Scheduler as fakes of their SDK interfaces that keep the requests, and Lambda as a fake that runs the
 * real create-task handler in this JVM (its validation connects to the servers).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TaskCommandIT {
    private static final String MACHINE = "arn:aws:states:eu-west-1:123456789012:stateMachine:RedisMigrate-migration";
    private static final String CREATE_FUNCTION = "arn:aws:lambda:eu-west-1:123456789012:function:RedisMigrate-CreateTask:live";
    private static final String UNLOCK_FUNCTION = "arn:aws:lambda:eu-west-1:123456789012:function:RedisMigrate-UnlockTarget:live";

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final List<Object> schedulerRequests = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private RedisServer source;
    private RedisServer target;

    private final RecordedStepFunctions sfn = new RecordedStepFunctions();
    private final List<Object> sfnRequests = sfn.requests();

    private final SchedulerClient scheduler = new SchedulerClient() {
        @Override
        public CreateScheduleResponse createSchedule(CreateScheduleRequest request) {
            schedulerRequests.add(request);
            return CreateScheduleResponse.builder().scheduleArn("arn:schedule").build();
        }

        @Override
        public DeleteScheduleResponse deleteSchedule(DeleteScheduleRequest request) {
            schedulerRequests.add(request);
            throw ResourceNotFoundException.builder().message("no schedule").build();
        }

        @Override
        public String serviceName() {
            return "scheduler";
        }

        @Override
        public void close() {
        }
    };

    private final CloudServices services = new CloudServices(new CloudServices.Ports(store, new InMemoryTargetClaim(),
            new LocalSecretResolver(), new LocalCloudChecks(),
            new StepFunctionsExecutions(sfn, scheduler, new StepFunctionsExecutions.Settings(MACHINE, "RedisMigrate-starts",
                    "arn:aws:iam::123456789012:role/scheduler")),
            (name, reason) -> 0, Clock.systemUTC()));
    /** The create-task and unlock-target functions, run by their real handlers. */
    private final InProcessLambda lambda = new InProcessLambda(function -> function.equals(UNLOCK_FUNCTION)
            ? new UnlockTargetHandler(services) : new CreateTaskHandler(services));

    @BeforeEach
    void servers() {
        source = redis.start();
        target = redis.start();
    }

    @Test
    void createValidatesStartsTheNamedExecutionAndPrintsTheId() {
        int exit = run("create", "--source", source.uri(), "--target", target.uri(), "--name", "orders",
                "--param", "repl-timeout=600");

        assertThat(exit).as(out + "\n" + err).isZero();
        String id = lastLine();
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(TaskStatus.VALIDATING);
        assertThat(out.toString()).contains("orders (" + id + ") VALIDATING").contains("started   execution mig-" + id);
        assertThat(lambda.invoked()).containsExactly(CREATE_FUNCTION);
        StartExecutionRequest start = (StartExecutionRequest) sfnRequests.get(0);
        assertThat(start.stateMachineArn()).isEqualTo(MACHINE);
        assertThat(start.name()).isEqualTo("mig-" + id);
        assertThat(start.input()).isEqualTo("{\"taskId\":\"" + id + "\"}");
    }

    @Test
    void aValidationErrorExitsThreeAndStartsNothing() {
        try (Jedis jedis = target.client()) {
            jedis.set("left", "over");
        }
        assertThat(run("create", "--source", source.uri(), "--target", target.uri(), "--json")).isEqualTo(3);
        JsonNode created = TaskJson.read(out.toString(), JsonNode.class);
        assertThat(created.get("status").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(sfnRequests).isEmpty();
    }

    @Test
    void aStartMoreThanAWeekAheadIsAScheduleInTheGivenGroup() {
        Instant at = Instant.now().plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        assertThat(run("create", "--source", source.uri(), "--target", target.uri(), "--start-at", at.toString())).isZero();

        CreateScheduleRequest schedule = (CreateScheduleRequest) schedulerRequests.get(0);
        assertThat(schedule.groupName()).isEqualTo("RedisMigrate-starts");
        assertThat(schedule.name()).isEqualTo("mig-" + lastLine());
        assertThat(schedule.target().roleArn()).isEqualTo("arn:aws:iam::123456789012:role/scheduler");
        assertThat(sfnRequests).isEmpty();
    }

    @Test
    void aPasswordInTheUriIsRefusedWithTheWayToGiveIt() {
        assertThat(run("create", "--source", "redis://:secret@127.0.0.1:" + source.port(), "--target", target.uri())).isEqualTo(2);
        assertThat(err.toString()).contains("--source-password-secret").doesNotContain("secret@");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void statusListFinishAndCancel() {
        run("create", "--source", source.uri(), "--target", target.uri(), "--name", "orders", "--start-at",
                Instant.now().plus(Duration.ofHours(3)).toString());
        String id = lastLine();

        assertThat(run("status", "orders")).isZero();
        assertThat(out.toString()).contains("status    SCHEDULED");
        assertThat(run("list")).isZero();
        assertThat(out.toString()).contains(id).contains("orders");
        assertThat(run("finish", id)).as("only a syncing task can be finished").isEqualTo(2);
        assertThat(err.toString()).contains("only a syncing task can be finished");

        sfnRequests.clear();
        assertThat(run("cancel", "orders")).isZero();
        assertThat(out.toString()).contains("task orders (" + id + ") cancelled");
        assertThat(((StopExecutionRequest) sfnRequests.get(0)).executionArn())
                .isEqualTo("arn:aws:states:eu-west-1:123456789012:execution:RedisMigrate-migration:mig-" + id);
        assertThat(run("status", id, "--watch")).as("an ended task is shown at once").isZero();
        assertThat(out.toString()).contains("status    CANCELLED");
    }

    @Test
    void aTargetIsNeededAsAnEndpointOrAnInstanceId() {
        assertThat(run("create", "--source", source.uri())).isEqualTo(2);
        assertThat(err.toString()).contains("--target URI, or --target-instance-id ID");
        assertThat(run("create", "--source", source.uri(), "--target", target.uri(), "--target-user", "app")).isEqualTo(2);
        assertThat(err.toString()).contains("put the user into the --target URI");
        assertThat(lambda.invoked()).isEmpty();
    }

    @Test
    void aTargetByInstanceIdThatCannotBeResolvedIsOneLineAndCreatesNothing() {
        // This composition has no ElastiCache API (its targets are plain Redis): the function says so in one line.
        assertThat(run("create", "--source", source.uri(), "--target-instance-id", "orders-cache")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("redis-migrate: the create-task function failed: Target orders-cache"
                + " cannot be resolved: this installation does not reach the ElastiCache API; give the target endpoint");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void theLockAcceptancesTravelToTheFunctionInsideTheTarget() {
        assertThat(run("create", "--source", source.uri(), "--target", target.uri(), "--allow-unlocked-target",
                "--allow-shared-user-lock", "--no-start")).isZero();

        MigrationTask created = store.find(lastLine()).orElseThrow();
        assertThat(created.target().allowUnlocked()).isTrue();
        assertThat(created.target().allowSharedUserLock()).isTrue();
    }

    @Test
    void unlockInvokesTheUnlockFunctionAndSaysWhatWasUndone() {
        String aclBefore;
        try (Jedis t = target.client()) {
            aclBefore = String.join("\n", t.aclList());
        }
        run("create", "--source", source.uri(), "--target", target.uri(), "--name", "orders");
        String id = lastLine();
        services.lockTarget().lock(id); // the Lock step of the execution
        assertThat(run("unlock", id)).as("a task whose execution runs").isEqualTo(2);
        assertThat(err.toString()).contains("is VALIDATING").doesNotContain("is SYNCING");
        // the Unlock step failed for good: the execution ended FAILED with the target still locked
        store.update(id, t -> t.failed("cleanup failed: unlocking the target", Instant.now())
                .withUnlockFailure("cannot change ACL user default: NOPERM", Instant.now()));
        assertThat(run("status", id)).isZero();
        assertThat(out.toString()).contains("target STILL LOCKED: cannot change ACL user default: NOPERM; run"
                + " `redis-migrate task unlock " + id + "`");

        lambda.failWith("Task timed out after 60.00 seconds");
        assertThat(run("unlock", id)).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("redis-migrate: unlock failed: the unlock-target function failed:"
                + " Task timed out after 60.00 seconds. The target " + target.uri() + " is STILL LOCKED; the task keeps"
                + " its lock record, so nothing is lost. Fix the cause and run `redis-migrate task unlock "
                + id + "` again.");
        lambda.failWith(null);

        assertThat(run("unlock", id)).as(out + "\n" + err).isZero();

        assertThat(lambda.invoked()).endsWith(UNLOCK_FUNCTION);
        assertThat(out.toString()).contains("lock strategy acl").contains("migration user redis-migrate-" + id + " deleted")
                .contains("claim     released");
        assertThat(store.find(id).orElseThrow().unlockFailure()).isNull();
        try (Jedis t = target.client()) {
            assertThat(String.join("\n", t.aclList())).isEqualTo(aclBefore);
        }
    }

    @Test
    void anErrorOfTheFunctionIsOneLine() {
        lambda.failWith("Task timed out after 120.00 seconds");
        assertThat(run("create", "--source", source.uri(), "--target", target.uri())).isEqualTo(1);
        assertThat(err.toString().strip())
                .isEqualTo("redis-migrate: the create-task function failed: Task timed out after 120.00 seconds");
    }

    @Test
    void withoutATableItSaysWhichSettingIsMissing() {
        CommandLine cli = new CommandLine(new TaskCommand(new CloudConnection() {
            @Override
            public CloudServices services(Map<String, String> env) {
                throw new AssertionError("not reached");
            }

            @Override
            public LambdaClient lambda(Map<String, String> env) {
                throw new AssertionError("not reached");
            }
        }));
        cli.setExecutionExceptionHandler(new OneLineErrors()).setErr(new PrintWriter(err));
        assertThat(cli.execute("list")).isEqualTo(2);
        assertThat(err.toString()).contains("--table").contains("REDIS_MIGRATE_TABLE");
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = new CommandLine(new TaskCommand(new CloudConnection() {
            @Override
            public CloudServices services(Map<String, String> env) {
                assertThat(env).containsEntry("REDIS_MIGRATE_TABLE", "tasks").containsEntry("AWS_REGION", "eu-west-1");
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
        all.addAll(List.of("--table", "tasks", "--region", "eu-west-1"));
        if (args[0].equals("cancel")) {
            all.addAll(List.of("--state-machine-arn", MACHINE));
        }
        if (args[0].equals("create")) {
            all.addAll(List.of("--create-function", CREATE_FUNCTION));
        }
        if (args[0].equals("unlock")) {
            all.addAll(List.of("--unlock-function-arn", UNLOCK_FUNCTION));
        }
        return cli.execute(all.toArray(String[]::new));
    }

    private String lastLine() {
        String[] lines = out.toString().strip().split("\n");
        return lines[lines.length - 1].strip();
    }
}
