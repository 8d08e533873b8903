package dev.redismigrate.redisio.verify;

import static dev.redismigrate.core.verify.DifferenceKind.COUNT;
import static dev.redismigrate.core.verify.DifferenceKind.EXTRA_ON_TARGET;
import static dev.redismigrate.core.verify.DifferenceKind.MISSING_ON_TARGET;
import static dev.redismigrate.core.verify.DifferenceKind.TTL;
import static dev.redismigrate.core.verify.DifferenceKind.TYPE;
import static dev.redismigrate.core.verify.DifferenceKind.VALUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.verify.Difference;
import dev.redismigrate.core.verify.DifferenceKind;
import dev.redismigrate.core.verify.VerificationFailedException;
import dev.redismigrate.core.verify.VerificationReport;
import dev.redismigrate.core.verify.VerifyMode;
import dev.redismigrate.core.verify.VerifyOptions;
import dev.redismigrate.core.verify.VerifyProgress;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol.Command;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JedisVerifierIT {
    @RegisterExtension
    final RedisServers redis = new RedisServers();

    private final JedisVerifier verifier = new JedisVerifier(new LocalSecretResolver(Map.of()));
    private final List<VerifyProgress> progress = new ArrayList<>();

    /** Fast rounds: nothing in these tests changes between rounds, except in the live one. */
    private static VerifyOptions options(VerifyMode mode) {
        return VerifyOptions.defaults().withMode(mode).withRate(0).withRounds(2, 50);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"V2_8, SYSTEM", "V6_2, SYSTEM", "SYSTEM, V8_0", "V6_2, VALKEY_8_1"})
    void equalDatasetsHaveNoDifferencesInAnyMode(RedisVersion sourceVersion, RedisVersion targetVersion) {
        RedisServers.Pair pair = redis.sourceAndTarget(sourceVersion, targetVersion);
        boolean streams = sourceVersion != RedisVersion.V2_8;
        write(pair, streams);

        for (VerifyMode mode : VerifyMode.values()) {
            VerificationReport report = verify(pair, options(mode));
            assertThat(report.differences()).as(mode.label()).isEmpty();
            assertThat(report.totalDifferences()).as(mode.label()).isZero();
            assertThat(report.rounds()).isEqualTo(1);
            assertThat(report.summary()).startsWith("EQUAL: no differences; " + mode.label() + " mode");
            assertThat(report.sourceKeys()).containsOnlyKeys(0, 1, 2).isEqualTo(report.targetKeys());
            if (mode != VerifyMode.COUNTS) {
                int keys = (int) report.sourceKeys().values().stream().mapToLong(c -> c.keys()).sum();
                assertThat(report.keysCompared()).as(mode.label()).isEqualTo(keys);
            }
        }
        assertThat(progress).isNotEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"V2_8, SYSTEM", "SYSTEM, SYSTEM", "SYSTEM, V8_0"})
    void everyInjectedDifferenceIsFoundAndReportedExactly(RedisVersion sourceVersion, RedisVersion targetVersion) {
        RedisServers.Pair pair = redis.sourceAndTarget(sourceVersion, targetVersion);
        boolean streams = sourceVersion != RedisVersion.V2_8;
        write(pair, streams);
        Set<String> expected = new java.util.TreeSet<>();
        try (Jedis t = pair.target().client()) {
            t.set("string:plain", "changed");
            t.setrange("string:big", 150_000, "X");
            t.set(Dataset.BINARY_KEY, new byte[] {1, 2, 3, 4});
            t.lset("list:small", 1, "B");
            t.lset("list:big", 777, "changed");
            t.hset("hash:small", "f2", "changed");
            t.hset("hash:big", "field500", "changed");
            t.srem("set:small", "m2");
            t.sadd("set:small", "m9");
            t.srem("set:big", "member500");
            t.sadd("set:big", "other");
            t.zadd("zset:small", 9, "a");
            t.zadd("zset:big", 12345, "member7");
            for (String key : List.of("string:plain", "string:big", Dataset.BINARY_KEY_PRINTED, "list:small",
                    "list:big", "hash:small", "hash:big", "set:small", "set:big", "zset:small", "zset:big")) {
                expected.add(id(0, key, VALUE));
            }
            t.del("missing:me");
            expected.add(id(0, "missing:me", MISSING_ON_TARGET));
            t.set("extra:me", "x");
            expected.add(id(0, "extra:me", EXTRA_ON_TARGET));
            t.expire("ttl:add", 500);
            expected.add(id(0, "ttl:add", TTL));
            t.persist("string:ttl");
            expected.add(id(0, "string:ttl", TTL));
            t.pexpire("ttl:shift", 1_060_000);
            expected.add(id(0, "ttl:shift", TTL));
            t.del("type:change");
            t.sadd("type:change", "x");
            expected.add(id(0, "type:change", TYPE));
            t.move("moved", 1);
            expected.add(id(0, "moved", MISSING_ON_TARGET));
            expected.add(id(1, "moved", EXTRA_ON_TARGET));
            if (streams) {
                t.del("stream:entry");
                Dataset.writeStream(t, "stream:entry", 5, 3);
                t.sendCommand(Command.XGROUP, "SETID", "stream:group", "g1", "1-5");
                t.del("stream:big");
                Dataset.writeStream(t, "stream:big", 600, 400);
                t.sendCommand(Command.XGROUP, "CREATE", "stream:big", "g2", "$");
                expected.addAll(List.of(id(0, "stream:entry", VALUE), id(0, "stream:group", VALUE),
                        id(0, "stream:big", VALUE)));
            }
        }

        VerificationReport report = verify(pair, options(VerifyMode.FULL));

        assertThat(report.differences().stream().map(d -> id(d.db(), d.key(), d.kind())).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(report.totalDifferences()).isEqualTo(expected.size());
        assertThat(report.rounds()).isEqualTo(2);
        assertThat(report.summary()).startsWith("DIFFERENT: " + expected.size() + " differences (");
        assertThat(detail(report, "string:ttl")).matches("TTL \\d+\\.\\d s on source, no TTL on target");
        assertThat(detail(report, "ttl:add")).matches("no TTL on source, TTL 4\\d\\d\\.\\d s on target");
        assertThat(detail(report, "type:change")).isEqualTo("source string, target set");
        assertThat(detail(report, "hash:big")).isEqualTo("hash field \"field500\" differs");
        assertThat(detail(report, "list:big")).isEqualTo("list element 777 differs");
        assertThat(detail(report, "set:small")).isEqualTo("set member \"m2\" missing on target");
        assertThat(detail(report, "zset:small")).isEqualTo("zset member \"a\" has score 1.1 on source, 9.0 on target");
        if (streams) {
            assertThat(detail(report, "stream:entry")).isEqualTo("stream entry 1-3 differs");
            assertThat(detail(report, "stream:big")).isEqualTo("stream entry 1-400 differs");
            assertThat(detail(report, "stream:group")).contains("last-delivered-id=1-2 on source")
                    .contains("last-delivered-id=1-5 on target");
        }
    }

    @Test
    void countsModeFindsDatabasesWhoseCountsDiffer() {
        RedisServers.Pair pair = redis.sourceAndTarget(RedisVersion.V2_8, RedisVersion.SYSTEM);
        write(pair, false);
        try (Jedis t = pair.target().client()) {
            t.del("missing:me");
            t.select(3);
            t.set("extra", "x");
            t.select(1);
            t.expire("db1:string", 1000);
        }

        VerificationReport report = verify(pair, options(VerifyMode.COUNTS));

        assertThat(report.differences()).extracting(Difference::db, Difference::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, COUNT), org.assertj.core.groups.Tuple.tuple(1, COUNT),
                        org.assertj.core.groups.Tuple.tuple(3, COUNT));
        assertThat(report.differences().get(2).detail()).isEqualTo("keys without TTL: source 0, target 1 (all keys: source 0, target 1)");
        assertThat(report.keysCompared()).isZero();
    }

    @Test
    void sampleModeDrawsRandomKeysFromBothSidesOfABigDatabase() {
        RedisServers.Pair pair = redis.sourceAndTarget(RedisVersion.SYSTEM, RedisVersion.SYSTEM);
        for (RedisServer server : List.of(pair.source(), pair.target())) {
            try (Jedis jedis = server.client()) {
                for (int i = 0; i < 3000; i += 500) {
                    String[] kv = new String[1000];
                    for (int j = 0; j < 500; j++) {
                        kv[2 * j] = "key:" + (i + j);
                        kv[2 * j + 1] = "v" + (i + j);
                    }
                    jedis.mset(kv);
                }
            }
        }
        VerifyOptions fifty = options(VerifyMode.SAMPLE).withSampleSize(50);

        VerificationReport equal = verify(pair, fifty);
        assertThat(equal.totalDifferences()).isZero();
        assertThat(equal.keysCompared()).isBetween(50L, 100L);

        try (Jedis t = pair.target().client()) {
            t.set("key:17", "changed");
            t.del("key:18");
        }
        VerificationReport different = verify(pair, fifty);
        assertThat(different.differences()).extracting(Difference::kind).contains(COUNT);
    }

    @Test
    void sampleModeComparesEveryKeyOfASmallDatabase() {
        RedisServers.Pair pair = redis.sourceAndTarget(RedisVersion.V2_8, RedisVersion.SYSTEM);
        write(pair, false);
        try (Jedis t = pair.target().client()) {
            t.hset("hash:small", "f1", "changed");
        }

        VerificationReport report = verify(pair, options(VerifyMode.SAMPLE));

        assertThat(report.differences()).containsExactly(
                new Difference(0, "hash:small", VALUE, "hash field \"f1\" differs"));
    }

    @Test
    void redisMigratesOwnKeysAreIgnoredOnBothSides() {
        RedisServers.Pair pair = redis.sourceAndTarget(RedisVersion.SYSTEM, RedisVersion.SYSTEM);
        write(pair, true);
        try (Jedis t = pair.target().client()) {
            t.set("__redis-migrate:checkpoint:abc", "offset");
            t.set("__redis-migrate:lease", "x");
            t.expire("__redis-migrate:lease", 100);
            t.select(5);
            t.set("__redis-migrate:elsewhere", "x");
        }

        for (VerifyMode mode : VerifyMode.values()) {
            VerificationReport report = verify(pair, options(mode));
            assertThat(report.totalDifferences()).as(mode.label()).isZero();
            assertThat(report.targetKeys()).as(mode.label()).containsEntry(5, new dev.redismigrate.core.progress.DbKeyCount(0, 0));
        }
        VerificationReport unfiltered = verify(pair, options(VerifyMode.FULL).withIgnoredKeyPrefix(null));
        assertThat(unfiltered.differences()).extracting(Difference::key)
                .containsExactlyInAnyOrder("__redis-migrate:checkpoint:abc", "__redis-migrate:lease", "__redis-migrate:elsewhere");
    }

    @Test
    void onlyTheDatabasesAskedForAreCompared() {
        RedisServers.Pair pair = redis.sourceAndTarget(RedisVersion.SYSTEM, RedisVersion.SYSTEM);
        write(pair, false);
        try (Jedis t = pair.target().client()) {
            t.set("string:plain", "changed");
        }

        VerificationReport report = verify(pair, options(VerifyMode.FULL).withDbs(List.of(1, 2)));

        assertThat(report.totalDifferences()).isZero();
        assertThat(report.sourceKeys()).containsOnlyKeys(1, 2);
    }

    @Test
    void showsAtMostMaxShownButCountsAll() {
        RedisServers.Pair pair = redis.sourceAndTarget(RedisVersion.SYSTEM, RedisVersion.SYSTEM);
        try (Jedis s = pair.source().client()) {
            for (int i = 0; i < 30; i++) {
                s.set("k" + i, "v");
            }
        }

        VerificationReport report = verify(pair, options(VerifyMode.FULL).withMaxShown(5));

        assertThat(report.totalDifferences()).isEqualTo(30);
        assertThat(report.differencesByKind()).containsExactly(Map.entry(MISSING_ON_TARGET, 30L));
        assertThat(report.differences()).hasSize(5);
        assertThat(report.summary()).isEqualTo("DIFFERENT: 30 differences (30 missing on target); full mode, 30 keys"
                + " compared in 1 database, 2 rounds; 5 shown");
    }

    @Test
    void aPasswordProtectedServerIsReadWithItsPassword() {
        RedisServer source = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().password("s3cret"));
        RedisServer target = redis.start(RedisVersion.V2_8, RedisServerConfig.defaults().password("other"));
        RedisEndpoint sourceEndpoint = endpoint(source).withPassword(new SecretRef.ProcessOnly("s3cret"));
        RedisEndpoint targetEndpoint = endpoint(target).withPassword(new SecretRef.ProcessOnly("other"));

        assertThat(verifier.verify(sourceEndpoint, targetEndpoint, options(VerifyMode.FULL), p -> { }).consistent()).isTrue();

        assertThatThrownBy(() -> verifier.verify(sourceEndpoint, endpoint(target), options(VerifyMode.FULL), p -> { }))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageStartingWith("cannot read the target redis://127.0.0.1:" + target.port() + " (PING): ");

        RedisEndpoint wrong = endpoint(target).withPassword(new SecretRef.ProcessOnly("wrong-password"));
        assertThatThrownBy(() -> verifier.verify(sourceEndpoint, wrong, options(VerifyMode.FULL), p -> { }))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageStartingWith("target redis://127.0.0.1:" + target.port() + " refused the credentials: ")
                .hasMessageNotContaining("wrong-password");
    }

    @Test
    void anUnreachableServerEndsInOneLine() {
        RedisServer source = redis.start(RedisVersion.SYSTEM);
        RedisServer gone = redis.start(RedisVersion.SYSTEM);
        gone.kill();

        assertThatThrownBy(() -> verifier.verify(endpoint(source), endpoint(gone), options(VerifyMode.COUNTS), p -> { }))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessage("cannot reach target redis://127.0.0.1:" + gone.port() + ": Connection refused");
    }

    private VerificationReport verify(RedisServers.Pair pair, VerifyOptions options) {
        return verifier.verify(endpoint(pair.source()), endpoint(pair.target()), options, progress::add);
    }

    static RedisEndpoint endpoint(RedisServer server) {
        return RedisEndpoint.of(server.host(), server.port());
    }

    private static void write(RedisServers.Pair pair, boolean streams) {
        for (RedisServer server : List.of(pair.source(), pair.target())) {
            try (Jedis jedis = server.client()) {
                Dataset.write(jedis, streams);
            }
        }
    }

    private static String id(int db, String key, DifferenceKind kind) {
        return "db" + db + " " + kind + " " + key;
    }

    private static String detail(VerificationReport report, String key) {
        return report.differences().stream().filter(d -> key.equals(d.key())).findFirst().orElseThrow().detail();
    }
}
