package dev.redismigrate.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationTaskTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    static MigrationTask newTask(Instant scheduledStart) {
        return MigrationTask.create("orders", SourceSpec.of(RedisEndpoint.of("src", 6379)),
                TargetSpec.of(RedisEndpoint.of("dst", 6380)), scheduledStart, List.of(), NOW);
    }

    @Test
    void startWithoutScheduleOrInThePastValidatesNow() {
        assertThat(newTask(null).moveTo(TaskStatus.VALIDATED, NOW).start(NOW).status()).isEqualTo(TaskStatus.VALIDATING);
        assertThat(newTask(NOW.minusSeconds(60)).moveTo(TaskStatus.VALIDATED, NOW).start(NOW).status())
                .isEqualTo(TaskStatus.VALIDATING);
    }

    @Test
    void startWithFutureTimeIsScheduled() {
        assertThat(newTask(NOW.plusSeconds(60)).moveTo(TaskStatus.VALIDATED, NOW).start(NOW).status())
                .isEqualTo(TaskStatus.SCHEDULED);
    }

    @Test
    void editOfScheduledTaskNeedsValidationAgain() {
        MigrationTask scheduled = newTask(NOW.plusSeconds(60)).moveTo(TaskStatus.VALIDATED, NOW).start(NOW);
        MigrationTask edited = scheduled.edit(new TaskEdit(null, null, null, null, null, NOW.plusSeconds(120), false, null, null, null), NOW);
        assertThat(edited.status()).isEqualTo(TaskStatus.CREATED);
        assertThat(edited.scheduledStart()).isEqualTo(NOW.plusSeconds(120));
        assertThat(edited.lastValidation()).isNull();
    }

    @Test
    void cannotStartBeforeValidationNorFinishBeforeSync() {
        assertThatThrownBy(() -> newTask(null).start(NOW)).isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("CREATED").hasMessageContaining("VALIDATING");
        MigrationTask validated = newTask(null).moveTo(TaskStatus.VALIDATED, NOW);
        assertThatThrownBy(() -> validated.moveTo(TaskStatus.FINISHED, NOW)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void finalStatusesAreFinalExceptResumeAfterFailure() {
        assertThat(TaskStatus.FINISHED.next()).isEmpty();
        assertThat(TaskStatus.CANCELLED.next()).isEmpty();
        assertThat(TaskStatus.FAILED.next()).containsExactly(TaskStatus.SYNCING);
    }

    @Test
    void cannotEditARunningTask() {
        MigrationTask syncing = newTask(null).moveTo(TaskStatus.VALIDATED, NOW).start(NOW).moveTo(TaskStatus.SYNCING, NOW);
        assertThatThrownBy(() -> syncing.edit(new TaskEdit("x", null, null, null, null, null, false, null, null, null), NOW)).hasMessageContaining("can no longer be edited");
    }

    @Test
    void eachStartOrResumeIsAnotherRunAndACancelledTaskStaysCancelled() {
        MigrationTask started = newTask(null).moveTo(TaskStatus.VALIDATED, NOW).start(NOW);
        assertThat(started.runs()).isEqualTo(1);
        MigrationTask failed = started.moveTo(TaskStatus.SYNCING, NOW).failed("source lost", NOW);
        MigrationTask resumed = failed.resume(NOW);
        assertThat(resumed.status()).isEqualTo(TaskStatus.SYNCING);
        assertThat(resumed.failure()).isNull();
        assertThat(resumed.runs()).isEqualTo(2);
        MigrationTask cancelled = resumed.moveTo(TaskStatus.CANCELLED, NOW);
        assertThatThrownBy(() -> cancelled.resume(NOW)).isInstanceOf(TaskStateException.class)
                .hasMessageContaining("a cancelled task stays cancelled");
    }
}
