package dev.redismigrate.core.usecase.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.endpoint.SecretRefusedException;
import dev.redismigrate.core.endpoint.SecretResolver;
import dev.redismigrate.core.store.InMemoryTaskStore;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.usecase.CreateTask;
import dev.redismigrate.core.usecase.StartTask;
import dev.redismigrate.core.usecase.TaskValidator;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.ValidationReport;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** "Create task" in the cloud over an in-memory store, recorded Step Functions calls and a fixed validation. */
class CreateAndStartTaskTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final SourceSpec SOURCE = SourceSpec.of(RedisEndpoint.of("src", 6379));
    private static final SecretResolver ACCEPTING = ref -> Optional.empty();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final List<String> calls = new ArrayList<>();
    private CheckResult check = CheckResult.pass("x", "ok");
    private final TaskValidator validator = task -> new ValidationReport(NOW, List.of(check));

    @Test
    void aTaskThatValidatesIsStartedAtOnceUnderItsFirstExecutionName() {
        CreatedTask created = create(ACCEPTING).create(request(endpointTarget(), null));

        assertThat(created.status()).isEqualTo(TaskStatus.VALIDATING);
        assertThat(created.executionName()).isEqualTo("mig-" + created.taskId());
        assertThat(created.scheduled()).isFalse();
        assertThat(calls).containsExactly("start mig-" + created.taskId());
    }

    @Test
    void aTaskAskedNotToStartOrThatFailsValidationIsOnlyStored() {
        CreatedTask notStarted = create(ACCEPTING).create(request(endpointTarget(), false));
        check = CheckResult.error("x", "the target holds keys");
        CreatedTask failed = create(ACCEPTING).create(request(endpointTarget(), null));

        assertThat(notStarted.status()).isEqualTo(TaskStatus.VALIDATED);
        assertThat(notStarted.executionName()).isNull();
        assertThat(failed.status()).isEqualTo(TaskStatus.VALIDATION_FAILED);
        assertThat(calls).isEmpty();
    }

    @Test
    void aTargetNamedByInstanceIdGetsItsPrimaryEndpointWithTheGivenUser() {
        TargetRequest byId = new TargetRequest(null, "orders-rg", false, false, "migrator", new SecretRef.None());

        CreatedTask created = create(ACCEPTING).create(request(byId, false));

        RedisEndpoint target = store.resolve(created.taskId()).target().endpoint();
        assertThat(target.host()).isEqualTo("orders-rg.primary.test");
        assertThat(target.username()).isEqualTo("migrator");
        assertThat(store.resolve(created.taskId()).target().instanceId()).isEqualTo("orders-rg");
    }

    @Test
    void aPasswordReferenceTheInstallationDoesNotReadIsRefusedBeforeAnythingIsStored() {
        SecretResolver cloud = new SecretResolver() {
            @Override
            public Optional<String> resolve(SecretRef ref) {
                return Optional.empty();
            }

            @Override
            public void requireAccepted(SecretRef ref) {
                if (ref instanceof SecretRef.EnvVar) {
                    throw new SecretRefusedException("the cloud reads passwords only from AWS Secrets Manager");
                }
            }
        };
        TargetRequest target = new TargetRequest(new RedisEndpoint("dst", 6380, false, null,
                new SecretRef.EnvVar("AWS_SECRET_ACCESS_KEY")), null, false, false, null, null);

        assertThatThrownBy(() -> create(cloud).create(request(target, null))).isInstanceOf(SecretRefusedException.class);
        assertThat(store.list()).isEmpty();
        assertThat(calls).isEmpty();
    }

    private CreateAndStartTask create(SecretResolver secrets) {
        return new CreateAndStartTask(new CreateTask(store, validator, clock), new StartTask(store, validator, clock),
                new MigrationStarts(new RecordedExecutions(calls), clock),
                id -> RedisEndpoint.of(id + ".primary.test", 6379), secrets);
    }

    private static TargetRequest endpointTarget() {
        return new TargetRequest(RedisEndpoint.of("dst", 6380), null, false, false, null, null);
    }

    private static CreateTaskRequest request(TargetRequest target, Boolean start) {
        return new CreateTaskRequest("orders", SOURCE, target, null, Map.of(), start);
    }
}
