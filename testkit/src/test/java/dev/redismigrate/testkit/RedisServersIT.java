package dev.redismigrate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

class RedisServersIT {
    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @ParameterizedTest
    @EnumSource(RedisVersion.class)
    void startsEveryVersionAndReportsIt(RedisVersion version) {
        RedisServer server = redis.start(version);
        try (Jedis client = server.client()) {
            client.set("k", "v");
            assertThat(client.get("k")).isEqualTo("v");
            assertThat(client.info("server")).contains("redis_version:" + expectedPrefix(version));
        }
    }

    @Test
    void appliesPasswordAndDirectives() {
        RedisServer server = redis.start(RedisVersion.SYSTEM,
                RedisServerConfig.defaults().password("s3cret").set("maxmemory-policy", "allkeys-lru").set("databases", "1"));
        try (Jedis client = server.client()) {
            assertThat(client.configGet("maxmemory-policy")).containsEntry("maxmemory-policy", "allkeys-lru");
            assertThat(client.configGet("databases")).containsEntry("databases", "1");
        }
    }

    @Test
    void pausedServerResumes() {
        RedisServer server = redis.start();
        server.pause();
        server.resume();
        try (Jedis client = server.client()) {
            assertThat(client.ping()).isEqualTo("PONG");
        }
    }

    private static String expectedPrefix(RedisVersion version) {
        return switch (version) {
            case SYSTEM, V7_0 -> "7.0";
            case V6_2 -> "6.2";
            case V2_8 -> "2.8";
            case V8_0 -> "8.0";
            case VALKEY_8_1 -> "7.2.4"; // Valkey reports redis_version 7.2.4 for compatibility
        };
    }
}
