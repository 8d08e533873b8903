package dev.redismigrate.redisio.verify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol.Command;

/**
 * The same data written to a source and a target: every type, small values (read whole) and big ones (read in
 * chunks), TTLs, a binary key, three databases, and streams with consumer groups where the server has them.
 */
final class Dataset {
    static final byte[] BINARY_KEY = {0x00, (byte) 0xff, '\n', 'k'};
    static final String BINARY_KEY_PRINTED = "\\x00\\xff\\nk";
    static final int BIG = 1000;

    private Dataset() {
    }

    static void write(Jedis jedis, boolean streams) {
        jedis.select(0);
        jedis.set("string:plain", "hello");
        jedis.set(BINARY_KEY, new byte[] {1, 2, 3, (byte) 0x80});
        jedis.set(b("string:big"), bigString());
        jedis.set("string:ttl", "x");
        jedis.pexpire("string:ttl", 1_000_000);
        jedis.set("ttl:add", "x");
        jedis.set("ttl:shift", "x");
        jedis.pexpire("ttl:shift", 1_000_000);
        jedis.set("missing:me", "x");
        jedis.set("type:change", "x");
        jedis.set("moved", "x");
        jedis.incr("counter");
        jedis.rpush("list:small", "a", "b", "c");
        jedis.rpush("list:big", numbered("element", BIG).toArray(String[]::new));
        jedis.hmset("hash:small", Map.of("f1", "v1", "f2", "v2", "f3", "v3"));
        jedis.hmset("hash:big", fields(BIG));
        jedis.hmset("hash:ttl", Map.of("f", "v"));
        jedis.pexpire("hash:ttl", 1_000_000);
        jedis.sadd("set:small", "m1", "m2", "m3");
        jedis.sadd("set:big", numbered("member", BIG).toArray(String[]::new));
        jedis.zadd("zset:small", Map.of("a", 1.1, "b", Double.POSITIVE_INFINITY, "c", -2.5));
        jedis.zadd("zset:big", scores(BIG));
        jedis.select(1);
        jedis.set("db1:string", "one");
        jedis.select(2);
        jedis.rpush("db2:list", "x", "y");
        jedis.select(0);
        if (streams) {
            writeStream(jedis, "stream:entry", 5, -1);
            writeStream(jedis, "stream:group", 5, -1);
            jedis.sendCommand(Command.XGROUP, "CREATE", "stream:group", "g1", "0");
            jedis.sendCommand(Command.XREADGROUP, "GROUP", "g1", "c1", "COUNT", "2", "STREAMS", "stream:group", ">");
            writeStream(jedis, "stream:big", 600, -1);
            jedis.sendCommand(Command.XGROUP, "CREATE", "stream:big", "g2", "$");
        }
    }

    /** Entries 1-1 .. 1-n with field f = i; entry {@code changed} (if >= 1) holds another value. */
    static void writeStream(Jedis jedis, String key, int n, int changed) {
        for (int i = 1; i <= n; i++) {
            jedis.sendCommand(Command.XADD, key, "1-" + i, "f", i == changed ? "changed" : Integer.toString(i));
        }
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bigString() {
        byte[] bytes = new byte[200 * 1024];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    private static List<String> numbered(String prefix, int n) {
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(prefix + i);
        }
        return values;
    }

    private static Map<String, String> fields(int n) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put("field" + i, "value" + i);
        }
        return map;
    }

    private static Map<String, Double> scores(int n) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put("member" + i, i / 3.0);
        }
        return map;
    }
}
