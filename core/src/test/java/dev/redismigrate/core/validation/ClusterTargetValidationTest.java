package dev.redismigrate.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.lock.LockStrategy;
import dev.redismigrate.core.params.ParameterCatalogue;
import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.validation.InstanceFacts.AclSupport;
import dev.redismigrate.core.validation.checks.LockChecks;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Redis Cluster target: judged on every primary, with what a cluster cannot take from the source refused or warned. */
class ClusterTargetValidationTest {
    private static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");
    private static final List<String> PRIMARIES = List.of("10.0.0.7:7000", "10.0.0.8:7000", "10.0.0.9:7000");

    private final FactsBuilder source = FactsBuilder.source();
    private final FactsBuilder givenNode = FactsBuilder.target();
    private final Map<String, FactsBuilder> primaries = new LinkedHashMap<>();
    private String state = "ok";
    private Integer servingPrimaries = 3;

    ClusterTargetValidationTest() {
        PRIMARIES.forEach(address -> primaries.put(address, FactsBuilder.target().runId(address)));
    }

    @Test
    void aHealthyEmptyClusterPassesNamingItsPrimariesAndWarnsOnceAboutCrossSlotWrites() {
        List<CheckResult> results = run();

        assertThat(results).filteredOn(r -> r.level() != CheckLevel.PASS).extracting(CheckResult::id)
                .containsExactly("target.cluster-writes");
        assertThat(result(results, Check.TARGET_TOPOLOGY).message()).isEqualTo("The target is a Redis Cluster"
                + " (cluster_state:ok): 3 primaries (10.0.0.7:7000, 10.0.0.8:7000, 10.0.0.9:7000) serve all 16384"
                + " slots; each key is written to the primary serving its slot.");
        assertThat(result(results, Check.TARGET_EMPTY).message())
                .isEqualTo("On each of the 3 primaries: the target is empty in every database.");
        assertThat(result(results, Check.TARGET_CLUSTER_WRITES).message()).contains("applied slot by slot")
                .contains("SWAPDB, MOVE").contains("The source is configured with 16 databases.");
        assertThat(decision().strategy()).isEqualTo(LockStrategy.ACL);
        assertThat(decision().result().message()).contains("the lock is applied on every node, primaries and replicas");
    }

    @Test
    void aReplicaGivenAsTheTargetIsFollowedToThePrimaries() {
        givenNode.role(new InstanceFacts.Role(true, "10.0.0.7:7000", true, true));

        List<CheckResult> results = run();

        assertThat(result(results, Check.TARGET_ROLE).level()).isEqualTo(CheckLevel.PASS);
        assertThat(result(results, Check.TARGET_TOPOLOGY).message())
                .endsWith("The node given is a replica of 10.0.0.7:7000: the migration follows it to the primaries.");
    }

    @Test
    void aPrimaryHoldingKeysIsNamed() {
        primaries.get("10.0.0.8:7000").keyspace(Map.of(0, new DbKeyCount(3, 0)));

        CheckResult empty = result(run(), Check.TARGET_EMPTY);

        assertThat(empty.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(empty.message()).isEqualTo("On primary 10.0.0.8:7000: target db0 holds 3 keys. The target must be"
                + " empty so nothing is overwritten. Use an empty instance or FLUSHALL it first.");
    }

    @Test
    void aPrimaryTooOldOrNotLockableIsNamed() {
        primaries.get("10.0.0.9:7000").version(4, 0, 14).acl(AclSupport.NONE);
        primaries.get("10.0.0.7:7000").acl(AclSupport.DENIED);

        List<CheckResult> results = run();

        assertThat(result(results, Check.TARGET_VERSION).level()).isEqualTo(CheckLevel.ERROR);
        assertThat(result(results, Check.TARGET_VERSION).message()).startsWith("On primary 10.0.0.9:7000: the target"
                + " runs Redis 4.0.14.");
        assertThat(decision().strategy()).isEqualTo(LockStrategy.NONE);
        assertThat(decision().result().level()).isEqualTo(CheckLevel.ERROR);
        assertThat(decision().result().message()).startsWith("On primary 10.0.0.7:7000: the target cannot be locked")
                .contains("On primary 10.0.0.9:7000: the target cannot be locked: the target runs Redis 4.0.14");
    }

    @Test
    void aPrimaryHoldingAnotherMigrationsUserIsNamed() {
        primaries.get("10.0.0.8:7000").migrationUsers("redis-migrate-k3xq7m2p9c4a-5461-10922");

        CheckResult other = result(run(), Check.TARGET_NO_OTHER_MIGRATION);

        assertThat(other.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(other.message()).startsWith("On primary 10.0.0.8:7000: the target holds user"
                + " redis-migrate-k3xq7m2p9c4a-5461-10922 of migration task k3xq7m2p9c4a");
    }

    @Test
    void aPrimaryThatRefusesTheCredentialsIsAnErrorNamingIt() {
        primaries.get("10.0.0.9:7000").reachability(Reachability.AUTH_FAILED, "WRONGPASS invalid username-password pair");

        List<CheckResult> results = run();

        assertThat(result(results, Check.TARGET_TOPOLOGY).level()).isEqualTo(CheckLevel.ERROR);
        assertThat(result(results, Check.TARGET_TOPOLOGY).message()).startsWith("The target is a Redis Cluster, but"
                + " primary 10.0.0.9:7000 (WRONGPASS invalid username-password pair) could not be used with the"
                + " target's credentials.").contains("ACL users are per node");
        assertThat(result(results, Check.TARGET_EMPTY).message())
                .isEqualTo("On primary 10.0.0.9:7000: not checked: primary 10.0.0.9:7000 could not be used (see"
                        + " target.topology)");
    }

    @Test
    void aClusterNotServingEverySlotIsRefusedWithTheRemedy() {
        state = "fail";
        servingPrimaries = null;
        primaries.clear();

        CheckResult topology = result(run(), Check.TARGET_TOPOLOGY);

        assertThat(topology.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(topology.message()).startsWith("The target is a Redis Cluster node (cluster_enabled:1,"
                + " cluster_state:fail), but the cluster does not serve all 16384 slots").contains("--cluster check");
    }

    @Test
    void aUserWhoMayNotReadTheClusterIsToldWhatItNeeds() {
        state = null;
        servingPrimaries = null;
        primaries.clear();

        assertThat(result(run(), Check.TARGET_TOPOLOGY).message()).contains("+cluster|info and +cluster|slots");
    }

    @Test
    void sourceKeysOutsideDb0AreAnErrorSinceAClusterHasOneDatabase() {
        source.keyspace(Map.of(0, new DbKeyCount(10, 0), 1, new DbKeyCount(4, 0), 5, new DbKeyCount(1, 0)));

        CheckResult databases = result(run(), Check.TARGET_DATABASES);

        assertThat(databases.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(databases.message()).startsWith("The source holds keys in db1 (4 keys), db5 (1 key), but the target"
                + " is a Redis Cluster, which has one database (db0)").contains("migrate them separately");
    }

    @Test
    void memoryIsComparedWithTheSumOfThePrimariesLimits() {
        source.memory(2_500_000_000L, 0L, "noeviction");
        primaries.values().forEach(p -> p.memory(1_000_000L, 1_000_000_000L, "noeviction"));

        CheckResult memory = result(run(), Check.TARGET_MEMORY);

        assertThat(memory.level()).isEqualTo(CheckLevel.WARNING);
        assertThat(memory.message()).contains("(summed over its 3 primaries");
    }

    @Test
    void aStandaloneTargetHasNothingToSayAboutClusterWrites() {
        CheckResult writes = result(ValidationCatalogue.evaluate(new ValidationInputs(task(), source.build(),
                FactsBuilder.target().build(), List.of(), null, NOW, "id", null)), Check.TARGET_CLUSTER_WRITES);

        assertThat(writes.level()).isEqualTo(CheckLevel.PASS);
    }

    private List<CheckResult> run() {
        return ValidationCatalogue.evaluate(inputs());
    }

    private LockChecks.LockDecision decision() {
        return ValidationCatalogue.lockDecision(inputs());
    }

    private ValidationInputs inputs() {
        Map<String, InstanceFacts> nodes = new LinkedHashMap<>();
        primaries.forEach((address, facts) -> nodes.put(address, facts.cluster(
                new InstanceFacts.ClusterMode(true, state, servingPrimaries)).build()));
        InstanceFacts target = givenNode.cluster(new InstanceFacts.ClusterMode(true, state, servingPrimaries, nodes, Map.of()))
                .build();
        return new ValidationInputs(task(), source.build(), target, List.of(), null, NOW, "10.0.0.7:7000", null);
    }

    private static MigrationTask task() {
        return MigrationTask.create("t", SourceSpec.of(RedisEndpoint.of("10.0.0.1", 6379)),
                TargetSpec.of(RedisEndpoint.of("10.0.0.7", 7000)), null, ParameterCatalogue.defaults(), NOW);
    }

    private static CheckResult result(List<CheckResult> results, Check check) {
        return results.stream().filter(r -> r.id().equals(check.id())).findFirst().orElseThrow();
    }
}
