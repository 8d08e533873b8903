package dev.redismigrate.redisio.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.verify.VerificationReport;
import dev.redismigrate.core.verify.VerifyMode;
import dev.redismigrate.core.verify.VerifyOptions;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/** What counts and sample modes read: what they need, not the whole dataset (told by the servers' command stats). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VerifyReadsIT {
    private static final String CHECKPOINT = "__redis-migrate:checkpoint:task-1";
    private static final int KEYS = 5000;

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    private final JedisVerifier verifier = new JedisVerifier(new LocalSecretResolver(Map.of()));

    @Test
    void countsLookUpTheNamedInternalKeyAndScanNothing() {
        RedisServers.Pair pair = pairWithKeys();
        try (Jedis t = pair.target().client()) {
            t.hset(CHECKPOINT, "offset", "42");
        }
        resetStats(pair);

        VerificationReport report = verify(pair, options(VerifyMode.COUNTS).withKnownIgnoredKeys(List.of(CHECKPOINT)));

        assertThat(report.totalDifferences()).isZero();
        assertThat(report.targetKeys()).containsEntry(0, new DbKeyCount(KEYS, 0));
        assertThat(calls(pair.source(), "scan")).isZero();
        assertThat(calls(pair.target(), "scan")).isZero();
    }

    @Test
    void anInternalKeyNobodyNamedIsSearchedForOnlyInTheDatabaseWhoseCountsDisagree() {
        RedisServers.Pair pair = pairWithKeys();
        try (Jedis t = pair.target().client()) {
            t.select(1);
            t.set("__redis-migrate:left-behind", "x");
        }
        resetStats(pair);

        VerificationReport report = verify(pair, options(VerifyMode.COUNTS));

        assertThat(report.totalDifferences()).isZero();
        assertThat(report.targetKeys()).containsEntry(1, new DbKeyCount(2, 0));
        // db 1 holds 2 keys: one SCAN page; db 0's 5000 keys agree and are not walked
        assertThat(calls(pair.source(), "scan")).isEqualTo(1);
        assertThat(calls(pair.target(), "scan")).isEqualTo(1);
    }

    @Test
    void sampleModeReadsItsSampleAndNotTheDatabase() {
        RedisServers.Pair pair = pairWithKeys();
        resetStats(pair);

        VerificationReport report = verify(pair, options(VerifyMode.SAMPLE).withSampleSize(50));

        assertThat(report.totalDifferences()).isZero();
        for (RedisServer server : List.of(pair.source(), pair.target())) {
            // its share of 50 keys on each side: 50 from db 0, 1 from db 1 (whose 2 keys are more than its share)
            assertThat(calls(server, "scan")).isZero();
            assertThat(calls(server, "randomkey")).isBetween(51L, 3L * 51);
            assertThat(calls(server, "dump")).as("the keys drawn on both sides").isLessThanOrEqualTo(2L * 51);
        }
    }

    /** The same 5000 strings in db 0 and 2 in db 1 on both sides. */
    private RedisServers.Pair pairWithKeys() {
        RedisServers.Pair pair = redis.sourceAndTarget(RedisVersion.SYSTEM, RedisVersion.SYSTEM);
        for (RedisServer server : List.of(pair.source(), pair.target())) {
            try (Jedis jedis = server.client()) {
                Pipeline pipeline = jedis.pipelined();
                for (int i = 0; i < KEYS; i++) {
                    pipeline.set("key:" + i, "value " + i);
                }
                pipeline.sync();
                jedis.select(1);
                jedis.set("a", "1");
                jedis.set("b", "2");
            }
        }
        return pair;
    }

    private VerificationReport verify(RedisServers.Pair pair, VerifyOptions options) {
        return verifier.verify(JedisVerifierIT.endpoint(pair.source()), JedisVerifierIT.endpoint(pair.target()), options,
                progress -> { });
    }

    private static VerifyOptions options(VerifyMode mode) {
        return VerifyOptions.defaults().withMode(mode).withRate(0).withRounds(1, 0);
    }

    private static void resetStats(RedisServers.Pair pair) {
        for (RedisServer server : List.of(pair.source(), pair.target())) {
            try (Jedis jedis = server.client()) {
                jedis.configResetStat();
            }
        }
    }

    private static long calls(RedisServer server, String command) {
        try (Jedis jedis = server.client()) {
            Matcher calls = Pattern.compile("^cmdstat_" + command + ":calls=(\\d+)", Pattern.MULTILINE)
                    .matcher(jedis.info("commandstats"));
            return calls.find() ? Long.parseLong(calls.group(1)) : 0;
        }
    }
}
