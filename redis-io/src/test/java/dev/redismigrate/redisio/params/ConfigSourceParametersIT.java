package dev.redismigrate.redisio.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.port.SourceParameters;
import dev.redismigrate.core.task.ParameterSetting;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.redisio.RedisConnections;
import dev.redismigrate.redisio.RedisUnavailableException;
import dev.redismigrate.testkit.RedisCluster;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfigSourceParametersIT {
    private static final List<ParameterSetting> REQUESTED = List.of(
            ParameterSetting.requested("client-output-buffer-limit", "replica 1gb 512mb 120"),
            ParameterSetting.requested("repl-backlog-size", "256mb"),
            ParameterSetting.requested("repl-timeout", "600"));

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    private final ConfigSourceParameters parameters = new ConfigSourceParameters(new RedisConnections(new LocalSecretResolver()));

    @ParameterizedTest
    @EnumSource(value = RedisVersion.class, names = {"V2_8", "V6_2", "SYSTEM", "V8_0", "VALKEY_8_1"})
    void valuesAreSetDuringTheMigrationAndByteForByteAsBeforeAfterRestore(RedisVersion version) {
        RedisServer server = redis.start(version);
        SourceSpec source = source(server);
        Map<String, String> before = config(server);
        List<List<ParameterSetting>> recorded = new ArrayList<>();

        SourceParameters.Applied applied = parameters.apply(source, REQUESTED, settings -> {
            assertThat(config(server)).as("nothing changes before the previous values are recorded").isEqualTo(before);
            recorded.add(settings);
        });

        assertThat(applied.warnings()).isEmpty();
        assertThat(recorded).singleElement().isEqualTo(applied.settings());
        assertThat(applied.settings()).allMatch(ParameterSetting::applied).extracting(ParameterSetting::previous)
                .containsExactly("replica 268435456 67108864 60", before.get("repl-backlog-size"), before.get("repl-timeout"));
        Map<String, String> during = config(server);
        assertThat(during.get("client-output-buffer-limit"))
                .isEqualTo(before.get("client-output-buffer-limit").replace("slave 268435456 67108864 60", "slave 1073741824 536870912 120"));
        assertThat(during).containsEntry("repl-backlog-size", "268435456").containsEntry("repl-timeout", "600");

        SourceParameters.Applied restored = parameters.restore(source, applied.settings());

        assertThat(restored.warnings()).isEmpty();
        assertThat(restored.settings()).noneMatch(ParameterSetting::applied);
        assertThat(config(server)).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(value = RedisVersion.class, names = {"V2_8", "SYSTEM"})
    void aRenamedConfigIsAWarningAndNothingBreaks(RedisVersion version) {
        RedisServer server = redis.start(version, RedisServerConfig.defaults().renameCommand("CONFIG", ""));

        SourceParameters.Applied applied = parameters.apply(source(server), REQUESTED, settings -> { });
        SourceParameters.Applied restored = parameters.restore(source(server), applied.settings());

        assertThat(applied.settings()).isEqualTo(REQUESTED);
        assertThat(applied.warnings()).singleElement().asString()
                .startsWith("CONFIG GET is not available on the source (ERR unknown command")
                .endsWith("the migration proceeds with the source's own settings");
        assertThat(restored.settings()).isEqualTo(REQUESTED);
        assertThat(restored.warnings()).isEmpty();
    }

    @Test
    void aConfigDeniedByTheAclIsAWarning() {
        RedisServer server = redis.start(RedisVersion.SYSTEM);
        try (Jedis admin = server.client()) {
            admin.aclSetUser("app", "on", ">app-pw", "~*", "+@all", "-config");
        }
        SourceSpec source = SourceSpec.of(new RedisEndpoint(server.host(), server.port(), false, "app",
                new SecretRef.ProcessOnly("app-pw")));

        SourceParameters.Applied applied = parameters.apply(source, REQUESTED, settings -> { });

        assertThat(applied.settings()).noneMatch(ParameterSetting::applied);
        assertThat(applied.warnings()).singleElement().asString().startsWith("CONFIG GET is not available on the source (NOPERM");
    }

    @Test
    void aParameterAnOldSourceDoesNotKnowIsAWarningAndTheOthersAreSet() {
        RedisServer server = redis.start(RedisVersion.V2_8);
        List<ParameterSetting> requested = List.of(ParameterSetting.requested("repl-diskless-load", "swapdb"),
                ParameterSetting.requested("repl-timeout", "600"));

        SourceParameters.Applied applied = parameters.apply(source(server), requested, settings -> { });

        assertThat(applied.settings()).extracting(ParameterSetting::applied).containsExactly(false, true);
        assertThat(applied.warnings()).containsExactly(
                "the source does not know the parameter repl-diskless-load (older Redis); left unchanged");
    }

    @Test
    void aRejectedValueIsAWarningAndLeftUnchanged() {
        RedisServer server = redis.start(RedisVersion.SYSTEM);
        String before = config(server).get("repl-timeout");
        List<ParameterSetting> requested = List.of(ParameterSetting.requested("repl-timeout", "soon"),
                ParameterSetting.requested("client-output-buffer-limit", "replicas 1gb 512mb 120"));

        SourceParameters.Applied applied = parameters.apply(source(server), requested, settings -> { });

        assertThat(applied.settings()).noneMatch(ParameterSetting::applied);
        assertThat(applied.warnings()).hasSize(2);
        assertThat(applied.warnings().get(0)).startsWith("'replicas 1gb 512mb 120' is not a value for client-output-buffer-limit");
        assertThat(applied.warnings().get(1)).startsWith("the source refused repl-timeout 'soon': ERR").endsWith("left at '" + before + "'");
        assertThat(config(server).get("repl-timeout")).isEqualTo(before);
    }

    @Test
    void aRetriedApplyKeepsTheValuesRecordedTheFirstTime() {
        RedisServer server = redis.start(RedisVersion.SYSTEM);
        Map<String, String> before = config(server);
        SourceParameters.Applied first = parameters.apply(source(server), REQUESTED, settings -> { });

        SourceParameters.Applied again = parameters.apply(source(server), first.settings(), settings -> { });
        parameters.restore(source(server), again.settings());

        assertThat(again.settings()).isEqualTo(first.settings());
        assertThat(config(server)).isEqualTo(before);
    }

    @Test
    void restoringTwiceIsHarmless() {
        RedisServer server = redis.start(RedisVersion.V6_2);
        Map<String, String> before = config(server);
        SourceParameters.Applied applied = parameters.apply(source(server), REQUESTED, settings -> { });

        SourceParameters.Applied restored = parameters.restore(source(server), applied.settings());
        SourceParameters.Applied again = parameters.restore(source(server), restored.settings());

        assertThat(again).isEqualTo(restored);
        assertThat(config(server)).isEqualTo(before);
    }

    @Test
    void aPasswordProtectedSourceIsReachedThroughTheSecretResolver() {
        RedisServer server = redis.start(RedisVersion.V2_8, RedisServerConfig.defaults().password("src-pw"));
        SourceSpec source = SourceSpec.of(RedisEndpoint.of(server.host(), server.port()).withPassword(new SecretRef.EnvVar("SRC_PW")));
        ConfigSourceParameters withEnv = new ConfigSourceParameters(
                new RedisConnections(new LocalSecretResolver(Map.of("SRC_PW", "src-pw"))));

        SourceParameters.Applied applied = withEnv.apply(source, REQUESTED, settings -> { });

        assertThat(applied.settings()).allMatch(ParameterSetting::applied);
        assertThatThrownBy(() -> parameters.apply(SourceSpec.of(RedisEndpoint.of(server.host(), server.port())
                .withPassword(new SecretRef.ProcessOnly("wrong-pw"))), REQUESTED, settings -> { }))
                .isInstanceOf(RedisUnavailableException.class)
                .hasMessage("source redis://127.0.0.1:" + server.port() + " refused the credentials: ERR invalid password");
    }

    @Test
    void anUnreachableSourceIsOneLineAndNothingIsRecorded() {
        RedisServer server = redis.start(RedisVersion.SYSTEM);
        server.kill();
        List<List<ParameterSetting>> recorded = new ArrayList<>();

        assertThatThrownBy(() -> parameters.apply(source(server), REQUESTED, recorded::add))
                .isInstanceOf(RedisUnavailableException.class)
                .hasMessage("cannot reach source redis://127.0.0.1:" + server.port() + ": Connection refused");
        assertThat(recorded).isEmpty();
    }

    @Test
    void onAClusterSourceEveryPrimaryGetsTheValuesAndGetsItsOwnBack() {
        RedisCluster cluster = redis.cluster(RedisVersion.SYSTEM, 3, 0);
        List<RedisServer> primaries = cluster.primaries();
        List<Map<String, String>> before = primaries.stream().map(ConfigSourceParametersIT::config).toList();
        try (Jedis third = primaries.get(2).client()) {
            third.configSet("repl-timeout", "77"); // the primaries disagree: one value to restore cannot serve all
        }

        SourceParameters.Applied applied = parameters.apply(source(primaries.get(1)), REQUESTED, settings -> { });

        assertThat(applied.settings()).extracting(ParameterSetting::applied).containsExactly(true, true, false);
        assertThat(applied.warnings()).singleElement().asString().startsWith("the source's primaries differ in"
                + " repl-timeout (").contains(primaries.get(2).port() + " '77'");
        for (RedisServer primary : primaries) {
            assertThat(config(primary)).containsEntry("repl-backlog-size", "268435456");
        }

        SourceParameters.Applied restored = parameters.restore(source(primaries.get(0)), applied.settings());

        assertThat(restored.warnings()).isEmpty();
        assertThat(restored.settings()).noneMatch(ParameterSetting::applied);
        for (int i = 0; i < primaries.size(); i++) {
            Map<String, String> expected = new LinkedHashMap<>(before.get(i));
            if (i == 2) {
                expected.put("repl-timeout", "77");
            }
            assertThat(config(primaries.get(i))).isEqualTo(expected);
        }
    }

    private static SourceSpec source(RedisServer server) {
        return SourceSpec.of(RedisEndpoint.of(server.host(), server.port()));
    }

    private static Map<String, String> config(RedisServer server) {
        try (Jedis admin = server.client()) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String name : List.of("client-output-buffer-limit", "repl-backlog-size", "repl-timeout")) {
                values.put(name, admin.configGet(name).get(name));
            }
            return values;
        }
    }
}
