package dev.redismigrate.redisio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerVersionTest {
    @Test
    void readsTheVersionFromInfoServer() {
        assertThat(ServerVersion.parse("# Server\r\nredis_version:6.2.11\r\nredis_git_sha1:0\r\n"))
                .isEqualTo(new ServerVersion(6, 2, "6.2.11"));
        assertThat(ServerVersion.parse("# Server\nredis_version:2.8.19\n")).isEqualTo(new ServerVersion(2, 8, "2.8.19"));
    }
}
