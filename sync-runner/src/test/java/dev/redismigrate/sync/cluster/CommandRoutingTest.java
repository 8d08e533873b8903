package dev.redismigrate.sync.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.redisio.cluster.KeySlot;
import dev.redismigrate.sync.cluster.CommandRouting.Routing;
import dev.redismigrate.sync.cluster.CommandRouting.SlotCommand;
import dev.redismigrate.sync.failure.SyncFailure;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandRoutingTest {
    @Test
    void aSingleKeyCommandGoesToItsKeysSlotUnchanged() {
        byte[][] set = args("SET", "foo", "1");

        Routing routing = CommandRouting.route(set);

        assertThat(routing).isEqualTo(new Routing.ToSlots(List.of(new SlotCommand(12182, set)), false));
        assertThat(CommandRouting.mayNameSeveralKeys(set)).isFalse();
    }

    @Test
    void msetIsSplitPerSlotKeepingPairsAndOrder() {
        Routing.ToSlots routing = (Routing.ToSlots) CommandRouting.route(
                args("MSET", "{a}1", "x", "{b}1", "y", "{a}2", "z"));

        assertThat(routing.atomicityLost()).isFalse();
        assertThat(texts(routing)).containsExactly(
                List.of("MSET", "{a}1", "x", "{a}2", "z"),
                List.of("MSET", "{b}1", "y"));
        assertThat(routing.parts().get(0).slot()).isEqualTo(KeySlot.of("a"));
        assertThat(routing.parts().get(1).slot()).isEqualTo(KeySlot.of("b"));
    }

    @Test
    void deleteLikeCommandsAreSplitPerSlot() {
        for (String name : List.of("DEL", "UNLINK", "EXISTS", "TOUCH")) {
            Routing.ToSlots routing = (Routing.ToSlots) CommandRouting.route(args(name, "{a}1", "{b}1", "{a}2"));

            assertThat(texts(routing)).containsExactly(List.of(name, "{a}1", "{a}2"), List.of(name, "{b}1"));
        }
    }

    @Test
    void msetnxAcrossSlotsIsSplitButMarkedAsNoLongerAllOrNothing() {
        assertThat(((Routing.ToSlots) CommandRouting.route(args("MSETNX", "{a}1", "x", "{b}1", "y"))).atomicityLost())
                .isTrue();
        assertThat(((Routing.ToSlots) CommandRouting.route(args("MSETNX", "{a}1", "x", "{a}2", "y"))).atomicityLost())
                .isFalse();
    }

    @Test
    void keysElsewhereThanFirstAreFound() {
        assertThat(onlySlot(args("BITOP", "AND", "{d}dest", "{d}src"))).isEqualTo(KeySlot.of("d"));
        assertThat(onlySlot(args("EVALSHA", "abc123", "2", "{s}a", "{s}b", "arg"))).isEqualTo(KeySlot.of("s"));
        assertThat(onlySlot(args("FCALL", "myfn", "1", "{f}k"))).isEqualTo(KeySlot.of("f"));
        assertThat(CommandRouting.mayNameSeveralKeys(args("EVALSHA", "abc123", "1", "{s}a"))).isTrue();
        assertThat(CommandRouting.mayNameSeveralKeys(args("RENAME", "{r}a", "{r}b"))).isTrue();
        assertThat(CommandRouting.mayNameSeveralKeys(args("DEL", "k"))).isFalse();
    }

    @Test
    void keylessWritesGoToEveryPrimary() {
        for (byte[][] command : List.of(args("FLUSHALL"), args("FLUSHDB", "ASYNC"), args("FUNCTION", "LOAD", "code"),
                args("SCRIPT", "LOAD", "return 1"))) {
            assertThat(CommandRouting.route(command)).isEqualTo(new Routing.ToEveryPrimary(command));
        }
    }

    @Test
    void whatNoClusterCanApplyIsRefusedByName() {
        assertThatThrownBy(() -> CommandRouting.route(args("SELECT", "1")))
                .isInstanceOfSatisfying(SyncFailure.class,
                        e -> assertThat(e.kind()).isEqualTo(SyncFailure.Kind.TARGET_UNSUPPORTED))
                .hasMessage("cannot apply SELECT of the source to a cluster: a cluster has only database 0");
        assertThatThrownBy(() -> CommandRouting.route(args("SWAPDB", "0", "1")))
                .isInstanceOf(SyncFailure.class);
        assertThatThrownBy(() -> CommandRouting.route(args("EVAL", "redis.call('set','x',1)", "0")))
                .isInstanceOf(SyncFailure.class).hasMessageContaining("declares no keys");
    }

    private static int onlySlot(byte[][] command) {
        List<SlotCommand> parts = ((Routing.ToSlots) CommandRouting.route(command)).parts();
        assertThat(parts).hasSize(1);
        assertThat(parts.get(0).args()).isSameAs(command);
        return parts.get(0).slot();
    }

    private static List<List<String>> texts(Routing.ToSlots routing) {
        return routing.parts().stream().map(part -> Arrays.stream(part.args())
                .map(arg -> new String(arg, StandardCharsets.UTF_8)).toList()).toList();
    }

    private static byte[][] args(String... args) {
        return Arrays.stream(args).map(arg -> arg.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }
}
