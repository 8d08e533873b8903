package dev.redismigrate.sync.ttl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.sync.resp.RespConnection;
import dev.redismigrate.sync.snapshot.TtlGuard;
import dev.redismigrate.sync.spool.Spool;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The repair on a real target: with a complete list it moves back the listed keys' pushed expiries and touches no
 * other key; without one (or with an incomplete one) it finds every pushed expiry by scanning, or only those of the
 * keys the sync owns.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TtlRestorerIT {
    private static final long HOUR_MS = 3_600_000L;

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @TempDir
    Path dir;

    @Test
    void withACompleteListOnlyTheListedKeysAreRepaired() throws Exception {
        RedisServer target = redis.start(RedisVersion.SYSTEM);
        try (Jedis t = target.client(); RespConnection connection = open(target);
             PushedExpiries pushed = new PushedExpiries(new Spool(dir).newKeyLog("pushed"))) {
            long realExpiry = pushAll(t, pushed, "listed", "also-listed");
            pushedWithoutTheLog(t, "unlisted", realExpiry);

            long fixed = new TtlRestorer(connection, true).restore(pushed);

            assertThat(fixed).isEqualTo(2);
            assertThat(t.pexpireTime("listed")).isEqualTo(realExpiry);
            assertThat(t.pexpireTime("also-listed")).isEqualTo(realExpiry);
            assertThat(t.pexpireTime("unlisted")).isEqualTo(realExpiry + TtlGuard.PUSH_MS);
        }
    }

    @Test
    void anIncompleteListFallsBackToScanningTheWholeTarget() throws Exception {
        RedisServer target = redis.start(RedisVersion.SYSTEM);
        try (Jedis t = target.client(); RespConnection connection = open(target);
             PushedExpiries pushed = new PushedExpiries(new Spool(dir).newKeyLog("pushed"))) {
            long realExpiry = pushAll(t, pushed, "listed");
            pushedWithoutTheLog(t, "renamed", realExpiry);
            pushed.written(0, args("RENAME", "before", "renamed"), System.currentTimeMillis());

            long fixed = new TtlRestorer(connection, true).restore(pushed);

            assertThat(fixed).isEqualTo(2);
            assertThat(t.pexpireTime("listed")).isEqualTo(realExpiry);
            assertThat(t.pexpireTime("renamed")).isEqualTo(realExpiry);
        }
    }

    @Test
    void aScanForASyncThatOwnsPartOfTheTargetRepairsOnlyItsOwnKeys() throws Exception {
        RedisServer target = redis.start(RedisVersion.SYSTEM);
        try (Jedis t = target.client(); RespConnection connection = open(target)) {
            long realExpiry = System.currentTimeMillis() + HOUR_MS;
            pushedWithoutTheLog(t, "mine:1", realExpiry);
            pushedWithoutTheLog(t, "mine:2", realExpiry);
            // another shard's key, whose catch-up may still need its pushed expiry
            pushedWithoutTheLog(t, "theirs", realExpiry);

            long fixed = new TtlRestorer(connection, true).restore(null,
                    Optional.of(key -> new String(key, StandardCharsets.UTF_8).startsWith("mine:")));

            assertThat(fixed).isEqualTo(2);
            assertThat(t.pexpireTime("mine:1")).isEqualTo(realExpiry);
            assertThat(t.pexpireTime("mine:2")).isEqualTo(realExpiry);
            assertThat(t.pexpireTime("theirs")).isEqualTo(realExpiry + TtlGuard.PUSH_MS);
        }
    }

    @Test
    void aTargetWithoutPexpiretimeIsRepairedFromPttl() throws Exception {
        RedisServer target = redis.start(RedisVersion.V6_2);
        try (Jedis t = target.client(); RespConnection connection = open(target);
             PushedExpiries pushed = new PushedExpiries(new Spool(dir).newKeyLog("pushed"))) {
            pushAll(t, pushed, "listed");

            long fixed = new TtlRestorer(connection, false).restore(pushed);

            assertThat(fixed).isEqualTo(1);
            assertThat(t.pttl("listed")).isBetween(HOUR_MS - 10_000, HOUR_MS);
        }
    }

    /** Writes each key with an expiry an hour ahead, pushed, the way the guard does, and logs it; returns the expiry. */
    private static long pushAll(Jedis t, PushedExpiries pushed, String... keys) throws Exception {
        long now = System.currentTimeMillis();
        long realExpiry = now + HOUR_MS;
        for (String key : keys) {
            long guarded = TtlGuard.guarded(realExpiry, now);
            t.set(key, "v");
            t.pexpireAt(key, guarded);
            pushed.written(0, args("PEXPIREAT", key, Long.toString(guarded)), now);
        }
        return realExpiry;
    }

    private static void pushedWithoutTheLog(Jedis t, String key, long realExpiry) {
        t.set(key, "v");
        t.pexpireAt(key, realExpiry + TtlGuard.PUSH_MS);
    }

    private static RespConnection open(RedisServer target) {
        return RespConnection.open(RedisEndpoint.of(target.host(), target.port()), Optional.empty(),
                Duration.ofSeconds(2), Duration.ofSeconds(20));
    }

    private static byte[][] args(String... args) {
        byte[][] bytes = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }
}
