package dev.redismigrate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Big keys in bounded memory: a 1M-member sorted set, a 1M-field hash, a 1M-element list and a 100 MB string are
 * migrated by the engine running in a child JVM with a 256 MB heap (it exits on OutOfMemoryError), and arrive whole.
 */
class BigKeysIT {
    private static final int MILLION = 1_000_000;

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @TempDir
    Path spool;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void bigKeysPassWithASmallHeap() throws Exception {
        RedisServer source = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults()
                .set("repl-diskless-sync-delay", "0"));
        RedisServer target = redis.start(RedisVersion.SYSTEM);
        byte[] bigString = new byte[100 << 20];
        new java.util.Random(7).nextBytes(bigString);
        try (Jedis s = source.client()) {
            load(s);
            s.set("bigstring".getBytes(StandardCharsets.UTF_8), bigString);
        }

        Path log = spool.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                BoundedHeapSyncMain.class.getName(), Integer.toString(source.port()), Integer.toString(target.port()),
                spool.resolve("spool").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean exited = child.waitFor(240, TimeUnit.SECONDS);
        if (!exited) {
            child.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(exited).as("child finished; output:\n" + tail(output)).isTrue();
        assertThat(child.exitValue()).as("child exit; output:\n" + tail(output)).isZero();
        System.out.println("bounded-heap sync: highest heap in use at a report: " + output.lines()
                .filter(l -> l.contains(" heap "))
                .mapToLong(l -> Long.parseLong(l.replaceAll(".* heap (\\d+) MB.*", "$1"))).max().orElse(-1) + " MB");

        try (Jedis s = source.client(); Jedis t = target.client()) {
            assertThat(t.zcard("bigzset")).isEqualTo(MILLION);
            assertThat(t.hlen("bighash")).isEqualTo(MILLION);
            assertThat(t.llen("biglist")).isEqualTo(MILLION);
            assertThat(t.zscore("bigzset", "m:999999")).isEqualTo(999_999 * 0.25);
            assertThat(t.hget("bighash", "f:123456")).isEqualTo("v:123456");
            assertThat(t.lindex("biglist", 765_432)).isEqualTo("e:765432");
            // the source's TTL counts down meanwhile (the sync's own time varies with the machine's load)
            assertThat(t.ttl("bighash")).isPositive().isCloseTo(s.ttl("bighash"), within(1L));
            assertThat(t.get("bigstring".getBytes(StandardCharsets.UTF_8))).isEqualTo(bigString);
            assertThat(KeyspaceComparison.differences(s, t, 0)).isEmpty();
        }
    }

    private static void load(Jedis s) {
        Pipeline p = s.pipelined();
        for (int i = 0; i < MILLION; i += 1000) {
            Map<String, Double> members = new HashMap<>();
            Map<String, String> fields = new HashMap<>();
            String[] items = new String[1000];
            for (int j = i; j < i + 1000; j++) {
                members.put("m:" + j, j * 0.25);
                fields.put("f:" + j, "v:" + j);
                items[j - i] = "e:" + j;
            }
            p.zadd("bigzset", members);
            p.hset("bighash", fields);
            p.rpush("biglist", items);
            if (i % 100_000 == 0) {
                p.sync();
            }
        }
        p.expire("bighash", 3600);
        p.sync();
    }

    private static String tail(String output) {
        return output.length() > 3000 ? output.substring(output.length() - 3000) : output;
    }
}
