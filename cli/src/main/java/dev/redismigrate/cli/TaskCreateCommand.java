package dev.redismigrate.cli;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.RedisUri;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.StartTime;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.usecase.cloud.CreateTaskRequest;
import dev.redismigrate.core.usecase.cloud.CreatedTask;
import dev.redismigrate.core.usecase.cloud.TargetRequest;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code redis-migrate task create}: invokes the create-task function, which stores the task, validates it from inside
 * the VPC (where both Redis are reachable) and starts its execution; prints what it returns.
 */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Creates a task through the stack's create-task function (--create-function), which validates it"
                + " from inside the VPC and starts its execution mig-<taskId>: now, waiting for --start-at within a week,"
                + " or through an EventBridge schedule further ahead. Prints the task id last.",
                "Passwords must be Secrets Manager secrets (the functions and the sync container read them there):"
                        + " --source-password-secret / --target-password-secret ARN."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:created (and started unless --no-start)", "1:unexpected failure", "2:bad usage",
                "3:validation found an ERROR (the task is kept, nothing started)"})
final class TaskCreateCommand implements Callable<Integer> {
    @Option(names = "--source", required = true, paramLabel = "URI", description = "The source, redis://[user@]host:port (rediss:// for TLS).")
    private String source;

    @Option(names = "--target", paramLabel = "URI", description = {"The target, redis://[user@]host:port (rediss:// for TLS).",
            "May be left out with --target-instance-id: the replication group's primary endpoint (cluster mode enabled:"
                    + " its configuration endpoint) is then read from ElastiCache (with TLS when in-transit encryption is on)."})
    private String target;

    @Option(names = "--target-user", paramLabel = "NAME",
            description = "With --target-instance-id and no --target: the user to connect as (an RBAC user group's user); default: the default user.")
    private String targetUser;

    @Option(names = "--source-password-secret", paramLabel = "ARN", description = "Secrets Manager secret holding the source password.")
    private String sourcePasswordSecret;

    @Option(names = "--target-password-secret", paramLabel = "ARN", description = "Secrets Manager secret holding the target password.")
    private String targetPasswordSecret;

    @Option(names = "--source-vm-id", paramLabel = "ID", description = "EC2 instance id of the source's VM (checked by validation).")
    private String sourceVmId;

    @Option(names = "--source-private-ip", paramLabel = "IP", description = "Private IP of the source's VM (checked by validation).")
    private String sourcePrivateIp;

    @Option(names = "--target-instance-id", paramLabel = "ID",
            description = "ElastiCache replication group id of the target (validation checks that --target is its primary or configuration endpoint).")
    private String targetInstanceId;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Task name, at most 100 characters, no control characters (default: migration-<id>).")
    private String name;

    @Option(names = "--start-at", paramLabel = "TIME",
            description = "Scheduled start, e.g. 2026-12-01T22:00:00Z or 2026-12-01 22:00 (local time); a past time starts now.")
    private String startAt;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "A source parameter to set during the migration instead of its default. Repeatable.")
    private Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--no-start", description = "Only create and validate; start later (console or start-execution).")
    private boolean noStart;

    @Option(names = "--json", description = "Print the created task (id, status, validation, execution) as JSON.")
    private boolean json;

    @Mixin
    private TargetLockOptions lockOptions;

    @Mixin
    private CloudOptions cloud;

    @ParentCommand
    private TaskCommand task;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        CreateTaskRequest request = new CreateTaskRequest(name,
                new SourceSpec(endpoint(source, sourcePasswordSecret, "--source"), sourceVmId, sourcePrivateIp),
                lockOptions.applyTo(target()),
                startAt == null ? null : StartTime.parse(startAt, ZoneId.systemDefault()), parameters, !noStart);
        CreatedTask created = new DeployedFunction(task.lambda(cloud), cloud.createFunction(), "create-task")
                .invoke(request, CreatedTask.class);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(TaskJson.write(created));
        } else {
            print(created, out);
        }
        out.flush();
        return created.status() == TaskStatus.VALIDATION_FAILED ? RedisMigrateCommand.EXIT_VALIDATION_ERROR
                : RedisMigrateCommand.EXIT_OK;
    }

    /** The target as given, or named by instance id only: the create-task function then reads its endpoint. */
    private TargetRequest target() {
        if (target != null) {
            if (targetUser != null) {
                throw new IllegalArgumentException("--target-user is for a target given by --target-instance-id alone;"
                        + " put the user into the --target URI");
            }
            return TargetRequest.of(new TargetSpec(endpoint(target, targetPasswordSecret, "--target"), targetInstanceId));
        }
        if (targetInstanceId == null) {
            throw new IllegalArgumentException("give the target: --target URI, or --target-instance-id ID to read its"
                    + " endpoint from ElastiCache");
        }
        return new TargetRequest(null, targetInstanceId, false, false, targetUser,
                targetPasswordSecret == null ? null : secretsManager(targetPasswordSecret, "--target"));
    }

    /** A password typed into the URI would live only in this process: the cloud could never read it. */
    private static RedisEndpoint endpoint(String uri, String secretArn, String option) {
        RedisEndpoint endpoint = RedisUri.parse(uri);
        if (endpoint.password() instanceof SecretRef.ProcessOnly) {
            throw new IllegalArgumentException("a password in the " + option + " URI cannot reach the functions and the"
                    + " sync container; store it in Secrets Manager and give " + option + "-password-secret ARN");
        }
        return secretArn == null ? endpoint : endpoint.withPassword(secretsManager(secretArn, option));
    }

    private static SecretRef.SecretsManager secretsManager(String secretArn, String option) {
        if (!(SecretRef.parse(secretArn) instanceof SecretRef.SecretsManager secret)) {
            throw new IllegalArgumentException(option + "-password-secret must be a Secrets Manager ARN (arn:aws:secretsmanager:...)");
        }
        return secret;
    }

    private static void print(CreatedTask created, PrintWriter out) {
        out.printf("task      %s (%s) %s%n", created.name(), created.taskId(), created.status());
        if (created.validation() != null) {
            TaskPrinter.printValidation(created.validation(), out);
        }
        if (created.executionName() == null) {
            out.println(created.status() == TaskStatus.VALIDATION_FAILED
                    ? "not started: fix the errors and create the task again" : "not started (--no-start)");
        } else if (created.scheduled()) {
            out.printf("scheduled EventBridge schedule %s starts execution %s at %s%n", created.executionName(),
                    created.executionName(), created.startsAt());
        } else {
            out.printf("started   execution %s%s%n", created.executionName(),
                    created.status() == TaskStatus.SCHEDULED ? ", waiting until " + created.startsAt() : "");
        }
        out.println(created.taskId());
    }
}
