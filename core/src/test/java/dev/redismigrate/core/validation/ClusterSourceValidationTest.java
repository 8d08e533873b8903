package dev.redismigrate.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.params.ParameterCatalogue;
import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.SyncShard;
import dev.redismigrate.core.task.TargetSpec;
import dev.redismigrate.core.validation.InstanceFacts.CommandAccess;
import dev.redismigrate.core.validation.checks.ShardLimit;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Redis Cluster source: every primary is replicated, so each must allow PSYNC and be usable with the source's
 * credentials; the target is weighed against all primaries together.
 */
class ClusterSourceValidationTest {
    private static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");
    private static final List<String> PRIMARIES = List.of("10.0.0.7:7000", "10.0.0.8:7000", "10.0.0.9:7000");

    private final FactsBuilder givenNode = FactsBuilder.source();
    private final FactsBuilder target = FactsBuilder.target();
    private final Map<String, FactsBuilder> primaries = new LinkedHashMap<>();
    private String state = "ok";
    private Integer servingPrimaries = 3;

    ClusterSourceValidationTest() {
        PRIMARIES.forEach(address -> primaries.put(address, FactsBuilder.source().runId(address)));
    }

    @Test
    void aHealthyClusterPassesNamingItsPrimaries() {
        List<CheckResult> results = run();

        assertThat(results).filteredOn(r -> r.level() != CheckLevel.PASS).isEmpty();
        assertThat(result(results, Check.SOURCE_TOPOLOGY).message()).isEqualTo("The source is a Redis Cluster"
                + " (cluster_state:ok): 3 primaries (10.0.0.7:7000, 10.0.0.8:7000, 10.0.0.9:7000) serve all 16384"
                + " slots; each primary's shard is replicated on its own (one sync per shard, side by side).");
        assertThat(result(results, Check.SOURCE_SYNC_ALLOWED).message())
                .isEqualTo("On each of the 3 primaries: the source lets us run PSYNC for user 'default'.");
    }

    @Test
    void aReplicaGivenAsTheSourceIsFollowedToThePrimaries() {
        givenNode.role(new InstanceFacts.Role(true, "10.0.0.7:7000", true, true));

        List<CheckResult> results = run();

        assertThat(result(results, Check.SOURCE_ROLE).message()).isEqualTo("On each of the 3 primaries: the source is a"
                + " master.");
        assertThat(result(results, Check.SOURCE_TOPOLOGY).message())
                .endsWith("The node given is a replica of 10.0.0.7:7000: the migration follows it to the primaries.");
    }

    @Test
    void aPrimaryThatMayNotReplicateOrIsLoadingIsNamed() {
        primaries.get("10.0.0.8:7000").sync(CommandAccess.DENIED, CommandAccess.DENIED);
        primaries.get("10.0.0.9:7000").loading(true);

        List<CheckResult> results = run();

        assertThat(result(results, Check.SOURCE_SYNC_ALLOWED).level()).isEqualTo(CheckLevel.ERROR);
        assertThat(result(results, Check.SOURCE_SYNC_ALLOWED).message()).startsWith("On primary 10.0.0.8:7000: PSYNC is"
                + " denied by ACL and SYNC is denied by ACL on the source for user 'mig'.");
        assertThat(result(results, Check.SOURCE_LOADING).message()).startsWith("On primary 10.0.0.9:7000: the source"
                + " is loading its dataset");
    }

    @Test
    void aPrimaryThatRefusesTheCredentialsIsAnErrorNamingIt() {
        primaries.get("10.0.0.9:7000").reachability(Reachability.AUTH_FAILED, "WRONGPASS invalid username-password pair");

        List<CheckResult> results = run();

        assertThat(result(results, Check.SOURCE_TOPOLOGY).level()).isEqualTo(CheckLevel.ERROR);
        assertThat(result(results, Check.SOURCE_TOPOLOGY).message()).startsWith("The source is a Redis Cluster, but"
                + " primary 10.0.0.9:7000 (WRONGPASS invalid username-password pair) could not be used with the"
                + " source's credentials. The migration replicates every primary (PSYNC)");
    }

    @Test
    void aClusterNotServingEverySlotIsRefusedWithTheRemedy() {
        state = "fail";
        servingPrimaries = null;
        primaries.clear();

        CheckResult topology = result(run(), Check.SOURCE_TOPOLOGY);

        assertThat(topology.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(topology.message()).startsWith("The source is a Redis Cluster node (cluster_enabled:1,"
                + " cluster_state:fail), but the cluster does not serve all 16384 slots: the keys of the slots no"
                + " primary serves could not be copied.").contains("redis-cli --cluster check / fix");
    }

    @Test
    void theTargetMustHoldThePrimariesTogether() {
        primaries.values().forEach(p -> p.memory(400_000_000L, 0L, "noeviction")
                .keyspace(Map.of(0, new DbKeyCount(1000, 10))));
        target.memory(1_000_000L, 1_000_000_000L, "noeviction");

        List<CheckResult> results = run();

        assertThat(result(results, Check.TARGET_MEMORY).level()).isEqualTo(CheckLevel.ERROR);
        assertThat(result(results, Check.TARGET_MEMORY).message()).startsWith("The source uses 1.1 GiB");
    }

    @Test
    void aTargetOlderThanAnyPrimaryIsWarnedAbout() {
        primaries.get("10.0.0.8:7000").version(7, 2, 4);
        target.version(7, 0, 15);

        CheckResult version = result(run(), Check.TARGET_VERSION);

        assertThat(version.level()).isEqualTo(CheckLevel.WARNING);
        assertThat(version.message()).startsWith("The target runs Redis 7.0.15, older than the source's 7.2.4.");
    }

    @Test
    void theSyncsAreOnePerPrimaryNamedByItsFirstSlotRange() {
        assertThat(SourceSyncs.of(source())).containsExactly(new SyncShard("0-5460", "10.0.0.7:7000", "0-5460"),
                new SyncShard("5461-10922", "10.0.0.8:7000", "5461-10922,16383"),
                new SyncShard("10923-16382", "10.0.0.9:7000", "10923-16382"));
    }

    @Test
    void oneServerIsOneSyncOfTheWholeSource() {
        assertThat(SourceSyncs.of(FactsBuilder.source().build())).containsExactly(SyncShard.WHOLE);
    }

    @Test
    void moreShardsThanTheCloudRunsAtOnceAreAnErrorWithTheRemedy() {
        assertThat(ShardLimit.sourceShards(source(), 3).level()).isEqualTo(CheckLevel.PASS);

        CheckResult tooMany = ShardLimit.sourceShards(source(), 2);

        assertThat(tooMany.level()).isEqualTo(CheckLevel.ERROR);
        assertThat(tooMany.message()).startsWith("The source is a Redis Cluster with 3 primaries, but the cloud runs at"
                + " most 2 sync containers at once").contains("Reshard the source onto at most 2 primaries");
    }

    private List<CheckResult> run() {
        return ValidationCatalogue.evaluate(new ValidationInputs(task(), source(), target.build(), List.of(), null, NOW,
                "10.0.0.1:6379", null));
    }

    private InstanceFacts source() {
        Map<String, InstanceFacts> nodes = new LinkedHashMap<>();
        primaries.forEach((address, facts) -> nodes.put(address, facts.cluster(
                new InstanceFacts.ClusterMode(true, state, servingPrimaries)).build()));
        Map<String, String> slots = new LinkedHashMap<>();
        if (!nodes.isEmpty()) {
            slots.put(PRIMARIES.get(0), "0-5460");
            slots.put(PRIMARIES.get(1), "5461-10922,16383");
            slots.put(PRIMARIES.get(2), "10923-16382");
        }
        return givenNode.cluster(new InstanceFacts.ClusterMode(true, state, servingPrimaries, nodes, slots)).build();
    }

    private static MigrationTask task() {
        return MigrationTask.create("t", SourceSpec.of(RedisEndpoint.of("10.0.0.7", 7000)),
                TargetSpec.of(RedisEndpoint.of("10.0.0.1", 6379)), null, ParameterCatalogue.defaults(), NOW);
    }

    private static CheckResult result(List<CheckResult> results, Check check) {
        return results.stream().filter(r -> r.id().equals(check.id())).findFirst().orElseThrow();
    }
}
