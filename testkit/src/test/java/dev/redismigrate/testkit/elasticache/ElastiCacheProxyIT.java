package dev.redismigrate.testkit.elasticache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.testkit.LoopbackClients;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ElastiCacheProxyIT {
    private static final String MIGRATION = "127.0.0.1";
    private static final String APPLICATION = "127.0.0.2";

    @RegisterExtension
    final RedisServers redis = new RedisServers();
    private RedisServer server;
    private ElastiCacheProxy proxy;

    @BeforeEach
    void startProxy() {
        server = redis.start();
        proxy = ElastiCacheProxy.start(server.host(), server.port());
    }

    @AfterEach
    void closeProxy() {
        proxy.close();
    }

    @Test
    void forwardsAPipelinedBulkLoadInOrderWithARefusedCommandInTheMiddle() {
        byte[] large = new byte[300_000];
        Arrays.fill(large, (byte) 'L');
        List<byte[]> dumps = new ArrayList<>();
        try (Jedis direct = server.client()) {
            for (int i = 0; i < 50; i++) {
                direct.set(("source:" + i).getBytes(StandardCharsets.UTF_8), large);
                dumps.add(direct.dump("source:" + i));
            }
        }
        try (Jedis client = fromMigration()) {
            Pipeline pipeline = client.pipelined();
            List<Response<String>> sets = new ArrayList<>();
            List<Response<String>> restores = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                sets.add(pipeline.set("small:" + i, "value-" + i));
            }
            for (int i = 0; i < dumps.size(); i++) {
                restores.add(pipeline.restore("restored:" + i, 0, dumps.get(i)));
            }
            Response<Object> refused = pipeline.sendCommand(command("CONFIG"), "SET", "maxmemory", "1");
            pipeline.sendCommand(Protocol.Command.MULTI, new String[0]);
            Response<Object> queued = pipeline.sendCommand(Protocol.Command.INCR, "after");
            Response<Object> exec = pipeline.sendCommand(Protocol.Command.EXEC, new String[0]);
            Response<String> last = pipeline.get("small:1999");
            pipeline.sync();

            assertThat(sets).allSatisfy(reply -> assertThat(reply.get()).isEqualTo("OK"));
            assertThat(restores).allSatisfy(reply -> assertThat(reply.get()).isEqualTo("OK"));
            assertThatThrownBy(refused::get).isInstanceOf(JedisDataException.class).hasMessage(
                    "ERR unknown command 'CONFIG', with args beginning with: 'SET' 'maxmemory' '1' ");
            assertThat(new String((byte[]) queued.get(), StandardCharsets.US_ASCII)).isEqualTo("QUEUED");
            assertThat(exec.get()).isEqualTo(List.of(1L));
            assertThat(last.get()).isEqualTo("value-1999");
        }
        try (Jedis direct = server.client()) {
            assertThat(direct.dbSize()).isEqualTo(2000 + 50 + 50 + 1);
            assertThat(direct.get("restored:49".getBytes(StandardCharsets.UTF_8))).isEqualTo(large);
            assertThat(direct.configGet("maxmemory")).containsEntry("maxmemory", "0");
        }
        assertThat(proxy.refused()).containsExactly(new RefusedCommand("config", MIGRATION));
    }

    @ParameterizedTest
    @ValueSource(strings = {"BGREWRITEAOF", "BGSAVE", "CONFIG", "DEBUG", "MIGRATE", "REPLICAOF", "SAVE", "SLAVEOF",
        "SHUTDOWN", "SYNC", "PSYNC"})
    void refusesEveryRestrictedCommandAsElastiCacheDoesAndRecordsIt(String name) {
        try (Jedis client = fromMigration()) {
            assertThatThrownBy(() -> client.sendCommand(command(name), "a", "b")).isInstanceOf(JedisDataException.class)
                    .hasMessage("ERR unknown command '" + name + "', with args beginning with: 'a' 'b' ");
            assertThat(client.ping()).isEqualTo("PONG");
        }
        try (Jedis direct = server.client()) {
            assertThat(direct.ping()).isEqualTo("PONG"); // SHUTDOWN, SLAVEOF ... never reached it
            assertThat(direct.info("replication")).contains("role:master");
        }
        assertThat(proxy.refused()).containsExactly(new RefusedCommand(name.toLowerCase(), MIGRATION));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SETUSER", "DELUSER", "LOAD", "SAVE"})
    void refusesTheAclSubcommandsThatChangeUsers(String subcommand) {
        try (Jedis client = fromMigration()) {
            assertThatThrownBy(() -> client.sendCommand(Protocol.Command.ACL, subcommand, "intruder", "on"))
                    .isInstanceOf(JedisDataException.class)
                    .hasMessage("ERR unknown subcommand '" + subcommand + "'. Try ACL HELP.");
            assertThat(client.aclWhoAmI()).isEqualTo("default");
        }
        try (Jedis direct = server.client()) {
            assertThat(direct.aclUsers()).containsExactly("default");
        }
        assertThat(proxy.refused()).containsExactly(new RefusedCommand("acl " + subcommand.toLowerCase(), MIGRATION));
    }

    @Test
    void answersWithTheEnginesOwnUnknownCommandText() {
        try (Jedis direct = server.client(); Jedis client = fromMigration()) {
            String engineUnknownCommand = errorOf(() -> direct.sendCommand(command("NOSUCHCOMMAND"), "GET", "x"));
            String engineUnknownSubcommand = errorOf(() -> direct.sendCommand(Protocol.Command.ACL, "NOSUCH", "x"));

            assertThat(errorOf(() -> client.sendCommand(command("CONFIG"), "GET", "x")))
                    .isEqualTo(engineUnknownCommand.replace("NOSUCHCOMMAND", "CONFIG"));
            assertThat(errorOf(() -> client.sendCommand(Protocol.Command.ACL, "SETUSER", "x")))
                    .isEqualTo(engineUnknownSubcommand.replace("NOSUCH", "SETUSER"));
        }
    }

    @Test
    void aRefusedCommandInsideMultiFailsAtExecInsteadOfAbortingTheTransaction() {
        try (Jedis client = fromMigration()) {
            Transaction transaction = client.multi();
            transaction.set("k", "v");
            transaction.sendCommand(command("CONFIG"), "GET", "maxmemory");
            List<Object> results = transaction.exec();

            assertThat(results.get(0)).isEqualTo("OK");
            assertThat(results.get(1)).isInstanceOf(JedisDataException.class);
            assertThat(client.get("k")).isEqualTo("v");
        }
    }

    @Test
    void fencingDropsTheOpenConnectionsOfOtherSourcesAndRefusesNewOnes() {
        Jedis application = fromApplication();
        try (Jedis migration = fromMigration()) {
            assertThat(application.ping()).isEqualTo("PONG");
            assertThat(migration.ping()).isEqualTo("PONG");

            proxy.admitOnly(Set.of(MIGRATION));

            assertThatThrownBy(() -> application.set("k", "from the application"))
                    .isInstanceOf(JedisConnectionException.class);
            assertThat(migration.set("k", "from the migration")).isEqualTo("OK");
            assertThatThrownBy(this::fromApplication).isInstanceOf(JedisConnectionException.class);
            assertThat(proxy.openConnectionSources()).containsOnly(MIGRATION);
        } finally {
            LoopbackClients.closeDropped(application);
        }
        try (Jedis direct = server.client()) {
            assertThat(direct.get("k")).isEqualTo("from the migration");
        }
    }

    @Test
    void admitAllLiftsTheFence() {
        proxy.admitOnly(Set.of(MIGRATION));
        proxy.admitAll();

        try (Jedis application = fromApplication()) {
            assertThat(application.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void aRestartedTargetDropsProxiedConnectionsAndTakesNewOnes() {
        Jedis before = fromMigration();
        try {
            assertThat(before.ping()).isEqualTo("PONG");

            server.restart();

            assertThatThrownBy(before::ping).isInstanceOf(JedisConnectionException.class);
        } finally {
            LoopbackClients.closeDropped(before);
        }
        try (Jedis after = fromMigration()) {
            assertThat(after.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void parsesInlineCommands() throws Exception {
        try (var socket = new java.net.Socket(proxy.host(), proxy.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("PING\r\nconfig get maxmemory\r\nSET inline yes\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String expected = "+PONG\r\n-ERR unknown command 'config', with args beginning with: 'get' 'maxmemory' \r\n"
                    + "+OK\r\n";
            byte[] reply = socket.getInputStream().readNBytes(expected.length());

            assertThat(new String(reply, StandardCharsets.US_ASCII)).isEqualTo(expected);
        }
    }

    private Jedis fromMigration() {
        return LoopbackClients.jedisFrom(MIGRATION, proxy.host(), proxy.port(), null, null);
    }

    private Jedis fromApplication() {
        return LoopbackClients.jedisFrom(APPLICATION, proxy.host(), proxy.port(), null, null);
    }


    private static String errorOf(Runnable call) {
        try {
            call.run();
        } catch (JedisDataException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error");
    }

    private static ProtocolCommand command(String name) {
        byte[] raw = name.getBytes(StandardCharsets.US_ASCII);
        return () -> raw;
    }
}
