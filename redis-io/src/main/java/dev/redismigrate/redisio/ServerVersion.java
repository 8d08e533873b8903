package dev.redismigrate.redisio;

import redis.clients.jedis.Jedis;

/** The {@code redis_version} a server reports in {@code INFO server}. */
public record ServerVersion(int major, int minor, String text) {
    public static ServerVersion of(Jedis redis) {
        return parse(redis.info("server"));
    }

    public static ServerVersion parse(String info) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("redis_version:")) {
                String text = line.substring("redis_version:".length()).strip();
                String[] parts = text.split("\\.");
                return new ServerVersion(Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0, text);
            }
        }
        throw new IllegalStateException("INFO server did not report redis_version");
    }
}
