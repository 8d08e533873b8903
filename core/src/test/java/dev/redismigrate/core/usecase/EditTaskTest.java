package dev.redismigrate.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.store.InMemoryTaskStore;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.ParameterSetting;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskEdit;
import dev.redismigrate.core.task.TaskStateException;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.ValidationReport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EditTaskTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final SecretRef SOURCE_PASSWORD = new SecretRef.FileRef(Path.of("/run/secrets/source"));

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final List<CheckResult> nextResults = new ArrayList<>(List.of(CheckResult.pass("x", "ok")));
    private final List<MigrationTask> validated = new ArrayList<>();
    private final TaskValidator validator = task -> {
        validated.add(task);
        return new ValidationReport(NOW, List.copyOf(nextResults));
    };
    private final List<String> withdrawn = new ArrayList<>();
    private final EditTask editTask = new EditTask(store, validator, task -> withdrawn.add(task.id() + " run " + task.runs()), clock);

    private MigrationTask created(Instant start) {
        return new CreateTask(store, validator, clock).create(new NewTask("orders",
                SourceSpec.of(RedisEndpoint.of("src", 1).withPassword(SOURCE_PASSWORD)), TargetSpec.of(RedisEndpoint.of("dst", 2)),
                start, List.of(ParameterSetting.requested("repl-timeout", "600"), ParameterSetting.requested("repl-backlog-size", "256mb"))));
    }

    private static TaskEdit edit(String name, RedisEndpoint source, Instant start, boolean clearStart, Map<String, String> params) {
        return new TaskEdit(name, source, null, null, null, start, clearStart, params, null, null);
    }

    @Test
    void anEditedScheduledTaskIsValidatedAgainAndWaitsForAnotherStart() {
        MigrationTask task = created(NOW.plusSeconds(3600));
        new StartTask(store, validator, clock).press(task.id());

        MigrationTask edited = editTask.edit("orders", edit("orders-v2", null, NOW.plusSeconds(7200), false, null));

        assertThat(edited.status()).isEqualTo(TaskStatus.VALIDATED);
        assertThat(edited.name()).isEqualTo("orders-v2");
        assertThat(edited.scheduledStart()).isEqualTo(NOW.plusSeconds(7200));
        assertThat(withdrawn).as("the pending start of the old settings").containsExactly(task.id() + " run 1");
        assertThat(validated).last().extracting(MigrationTask::name).as("validated with the new settings").isEqualTo("orders-v2");
    }

    @Test
    void anEditThatFailsValidationKeepsTheReportAndIsNotStarted() {
        MigrationTask task = created(null);
        nextResults.add(CheckResult.error("target.empty", "not empty"));

        MigrationTask edited = editTask.edit(task.id(), edit(null, RedisEndpoint.of("other", 3), null, false, null));

        assertThat(edited.status()).isEqualTo(TaskStatus.VALIDATION_FAILED);
        assertThat(edited.lastValidation().hasErrors()).isTrue();
        assertThat(edited.source().endpoint().host()).isEqualTo("other");
        assertThat(edited.source().endpoint().password()).as("a moved host keeps its password reference").isEqualTo(SOURCE_PASSWORD);
        assertThat(withdrawn).as("nothing was waiting").isEmpty();
    }

    @Test
    void parametersAreMergedAndTheScheduleCanBeCleared() {
        MigrationTask task = created(NOW.plusSeconds(3600));

        MigrationTask edited = editTask.edit(task.id(), edit(null, null, null, true, Map.of("REPL-TIMEOUT", "900")));

        assertThat(edited.scheduledStart()).isNull();
        assertThat(edited.parameters()).containsExactly(ParameterSetting.requested("repl-timeout", "900"),
                ParameterSetting.requested("repl-backlog-size", "256mb"));
    }

    @Test
    void lockConsentsAndPasswordsChangeAlone() {
        MigrationTask task = created(null);
        SecretRef targetPassword = new SecretRef.EnvVar("TARGET_PASSWORD");

        MigrationTask edited = editTask.edit(task.id(),
                new TaskEdit(null, null, null, null, targetPassword, null, false, null, true, null));

        assertThat(edited.target().allowUnlocked()).isTrue();
        assertThat(edited.target().allowSharedUserLock()).isFalse();
        assertThat(edited.target().endpoint().password()).isEqualTo(targetPassword);
        assertThat(edited.target().endpoint().host()).isEqualTo("dst");
    }

    @Test
    void aTaskThatHasStartedCannotBeEditedAndIsLeftAlone() {
        MigrationTask task = created(null);
        StartTask start = new StartTask(store, validator, clock);
        start.press(task.id());
        start.validateAgain(task.id());

        assertThatThrownBy(() -> editTask.edit(task.id(), edit("x", null, null, false, null)))
                .isInstanceOf(TaskStateException.class).hasMessageContaining("is SYNCING and can no longer be edited");
        assertThat(store.resolve(task.id()).name()).isEqualTo("orders");
        assertThat(store.resolve(task.id()).status()).isEqualTo(TaskStatus.SYNCING);
    }

    @Test
    void aScheduleAndItsClearingAreNotBothGiven() {
        assertThatThrownBy(() -> edit(null, null, NOW, true, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
