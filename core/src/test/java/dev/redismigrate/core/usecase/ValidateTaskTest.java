package dev.redismigrate.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.elasticache.ManagedTarget;
import dev.redismigrate.core.elasticache.ReplicationGroup;
import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.lock.LockStrategy;
import dev.redismigrate.core.params.ParameterCatalogue;
import dev.redismigrate.core.port.CloudChecks;
import dev.redismigrate.core.port.InstanceProbe;
import dev.redismigrate.core.store.InMemoryTaskStore;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.task.TaskStore;
import dev.redismigrate.core.validation.Check;
import dev.redismigrate.core.validation.CheckLevel;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.CloudFindings;
import dev.redismigrate.core.validation.FactsBuilder;
import dev.redismigrate.core.validation.InstanceFacts;
import dev.redismigrate.core.validation.LocalCloudChecks;
import dev.redismigrate.core.validation.Side;
import dev.redismigrate.core.validation.ValidationReport;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidateTaskTest {
    private static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");
    private final List<String> probed = new ArrayList<>();
    private final TaskStore store = new InMemoryTaskStore();

    @Test
    void probesBothSidesWithResolvedPasswordsAndSkipsTheCloudLocally() {
        MigrationTask task = task(new SecretRef.EnvVar("SRC_PW"), new SecretRef.ProcessOnly("tgt-pw"));
        ValidationReport report = validateTask(Map.of("SRC_PW", "src-pw"), store).validate(task);

        // the target first: the source's search for data types skips what the target's version can hold
        assertThat(probed).containsExactly("TARGET 10.0.0.2:6379 tgt-pw", "SOURCE 10.0.0.1:6379 src-pw");
        assertThat(report.at()).isEqualTo(NOW);
        assertThat(report.hasErrors()).isFalse();
        assertThat(report.results()).extracting(CheckResult::id).containsSequence(Check.CLOUD_SOURCE_VM_RUNNING.id(),
                Check.CLOUD_SOURCE_PRIVATE_IP.id(), Check.CLOUD_SAME_REGION.id(), Check.CLOUD_TARGET_AVAILABLE.id());
        assertThat(report.withLevel(CheckLevel.SKIPPED)).extracting(CheckResult::message)
                .containsOnly("local mode: no cloud instance to check");
    }

    @Test
    void aTargetTheCloudDescribesIsProbedAsAManagedServiceThatRefusesAdministrativeCommands() {
        InstanceProbe probe = new InstanceProbe() {
            @Override
            public InstanceFacts probe(RedisEndpoint endpoint, String password, Side side) {
                probed.add(side + " " + endpoint.address());
                return (side == Side.SOURCE ? FactsBuilder.source() : FactsBuilder.target()).build();
            }

            @Override
            public InstanceFacts probeManagedTarget(RedisEndpoint endpoint, String password) {
                probed.add("MANAGED TARGET " + endpoint.address());
                return FactsBuilder.target().acl(null).build();
            }
        };
        ReplicationGroup group = new ReplicationGroup("orders", "available", false, "10.0.0.2", 6379, false,
                ReplicationGroup.AuthMode.AUTH_TOKEN, List.of(), "redis", "7.1.0", List.of("sg-app"),
                "arn:aws:elasticache:eu-west-1:123456789012:replicationgroup:orders", List.of("0001"));
        CloudChecks cloud = new CloudChecks() {
            @Override
            public CloudFindings check(MigrationTask task) {
                return new CloudFindings(List.of(), new ManagedTarget(group, null, List.of(), true));
            }

            @Override
            public CheckResult sourceShards(InstanceFacts source) {
                return Check.CLOUD_SOURCE_SHARDS.pass("one");
            }
        };
        ValidateTask validate = new ValidateTask(probe, store, cloud, new LocalSecretResolver(Map.of()),
                Clock.fixed(NOW, ZoneOffset.UTC));

        ValidationReport report = validate.validate(task(new SecretRef.None(), new SecretRef.None()));

        assertThat(probed).containsExactly("MANAGED TARGET 10.0.0.2:6379", "SOURCE 10.0.0.1:6379");
        assertThat(report.lockStrategy()).isEqualTo(LockStrategy.NETWORK_FENCE);
    }

    @Test
    void anUnreadablePasswordIsReportedWithoutProbingThatSide() {
        MigrationTask task = task(new SecretRef.EnvVar("MISSING"), new SecretRef.None());
        ValidationReport report = validateTask(Map.of(), store).validate(task);

        assertThat(probed).containsExactly("TARGET 10.0.0.2:6379 null");
        CheckResult auth = report.results().stream().filter(r -> r.id().equals("source.auth")).findFirst().orElseThrow();
        assertThat(auth.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(auth.message()).contains("Environment variable MISSING is not set");
    }

    @Test
    void anUnreadableStoreIsAWarningNotACrash() {
        TaskStore broken = new InMemoryTaskStore();
        TaskStore failing = new TaskStore() {
            public MigrationTask create(MigrationTask t) { return broken.create(t); }
            public java.util.Optional<MigrationTask> find(String id) { return broken.find(id); }
            public List<MigrationTask> list() { throw new java.io.UncheckedIOException("cannot read /state/tasks", new java.io.IOException()); }
            public MigrationTask update(MigrationTask t) { return broken.update(t); }
            public void saveProgress(String id, dev.redismigrate.core.task.SyncShard sync,
                                     dev.redismigrate.core.progress.Progress p) { }
        };
        ValidationReport report = validateTask(Map.of(), failing).validate(task(new SecretRef.None(), new SecretRef.None()));
        CheckResult free = report.results().stream().filter(r -> r.id().equals("task.target-free")).findFirst().orElseThrow();
        assertThat(free.level()).isEqualTo(CheckLevel.WARNING);
        assertThat(free.message()).contains("cannot read /state/tasks");
    }

    private ValidateTask validateTask(Map<String, String> env, TaskStore taskStore) {
        return new ValidateTask((endpoint, password, side) -> {
            probed.add(side + " " + endpoint.address() + " " + password);
            return (side == Side.SOURCE ? FactsBuilder.source() : FactsBuilder.target()).build();
        }, taskStore, new LocalCloudChecks(), new LocalSecretResolver(env), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static MigrationTask task(SecretRef sourcePassword, SecretRef targetPassword) {
        return MigrationTask.create("t",
                SourceSpec.of(RedisEndpoint.of("10.0.0.1", 6379).withPassword(sourcePassword)),
                TargetSpec.of(RedisEndpoint.of("10.0.0.2", 6379).withPassword(targetPassword)),
                null, ParameterCatalogue.defaults(), NOW);
    }
}
