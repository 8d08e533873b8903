package dev.redismigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisUri;
import dev.redismigrate.core.params.ParameterCatalogue;
import dev.redismigrate.core.store.LocalFileTaskStore;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.ParameterSetting;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.usecase.NewTask;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServers;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** {@code edit} and {@code start} on real servers: a task created here, changed, validated again and run. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EditAndStartCommandIT {
    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @TempDir
    Path stateDir;

    /** A task stored as {@code migrate} would store it, without running it. */
    private MigrationTask created(String source, String target) {
        TaskStore store = new LocalFileTaskStore(stateDir);
        return new LocalServices(store, new LocalSecretResolver(), stateDir.resolve("spool")).createTask()
                .create(new NewTask("orders", SourceSpec.of(RedisUri.parse(source)), TargetSpec.of(RedisUri.parse(target)),
                        null, ParameterCatalogue.defaults()));
    }

    @Test
    void anEditedTaskIsValidatedAgainAndThenStartedHere() {
        RedisServers.Pair pair = redis.sourceAndTarget();
        try (Jedis s = pair.source().client()) {
            s.set("k", "v");
        }
        MigrationTask task = created(pair.source().uri(), "redis://127.0.0.1:1");
        assertThat(task.status()).as("nothing listens on port 1").isEqualTo(TaskStatus.VALIDATION_FAILED);
        assertThat(CommandRun.run("start", "orders", "--state-dir", stateDir.toString()).exit()).isEqualTo(RedisMigrateCommand.EXIT_USAGE);

        CommandRun edit = CommandRun.run("edit", "orders", "--target", pair.target().uri(), "--name", "orders-v2",
                "--param", "repl-timeout=900", "--state-dir", stateDir.toString());

        assertThat(edit.exit()).as(edit.out() + edit.err()).isEqualTo(RedisMigrateCommand.EXIT_OK);
        assertThat(edit.out()).contains("orders-v2 (" + task.id() + ") VALIDATED")
                .contains("not started: start it with redis-migrate start " + task.id());
        MigrationTask edited = new LocalFileTaskStore(stateDir).resolve(task.id());
        assertThat(edited.target().endpoint().port()).isEqualTo(pair.target().port());
        assertThat(edited.parameters()).contains(ParameterSetting.requested("repl-timeout", "900"));

        CommandRun start = CommandRun.run("start", "orders-v2", "--finish-when-synced", "--verify", "counts", "--state-dir", stateDir.toString());

        assertThat(start.exit()).as(start.out() + start.err()).isEqualTo(RedisMigrateCommand.EXIT_OK);
        try (Jedis t = pair.target().client()) {
            assertThat(t.get("k")).isEqualTo("v");
        }
        CommandRun late = CommandRun.run("edit", task.id(), "--name", "too-late", "--state-dir", stateDir.toString());
        assertThat(late.exit()).isEqualTo(RedisMigrateCommand.EXIT_USAGE);
        assertThat(late.err().strip()).isEqualTo("redis-migrate: task " + task.id() + " is FINISHED and can no longer be"
                + " edited: only a task that has not started (CREATED, VALIDATED, VALIDATION_FAILED, SCHEDULED) can be");
    }

    @Test
    void anEditIntoATargetHoldingKeysExitsThreeWithTheReport() {
        RedisServers.Pair pair = redis.sourceAndTarget();
        RedisServer used = redis.start();
        try (Jedis t = used.client()) {
            t.set("left", "over");
        }
        MigrationTask task = created(pair.source().uri(), pair.target().uri());
        assertThat(task.status()).isEqualTo(TaskStatus.VALIDATED);

        CommandRun edit = CommandRun.run("edit", task.id(), "--target", used.uri(), "--json", "--state-dir", stateDir.toString());

        assertThat(edit.exit()).as(edit.out() + edit.err()).isEqualTo(RedisMigrateCommand.EXIT_VALIDATION_ERROR);
        assertThat(edit.out()).contains("\"status\":\"VALIDATION_FAILED\"").contains("\"level\":\"ERROR\"");
        assertThat(new LocalFileTaskStore(stateDir).resolve(task.id()).lastValidation().hasErrors()).isTrue();
    }

    @Test
    void aStartTimeAndItsRemovalAreNotBothGiven() {
        RedisServers.Pair pair = redis.sourceAndTarget();
        MigrationTask task = created(pair.source().uri(), pair.target().uri());
        CommandRun edit = CommandRun.run("edit", task.id(), "--start-at", "2030-01-01T00:00:00Z", "--no-start-at", "--state-dir", stateDir.toString());
        assertThat(edit.exit()).isEqualTo(RedisMigrateCommand.EXIT_USAGE);
        assertThat(edit.err()).contains("--start-at TIME or --no-start-at, not both");
        assertThat(new LocalFileTaskStore(stateDir).resolve(task.id())).extracting(MigrationTask::status, MigrationTask::name)
                .containsExactly(TaskStatus.VALIDATED, "orders");
    }
}
