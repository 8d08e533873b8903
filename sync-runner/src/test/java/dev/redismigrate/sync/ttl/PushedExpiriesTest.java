package dev.redismigrate.sync.ttl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.sync.snapshot.TtlGuard;
import dev.redismigrate.sync.spool.Spool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushedExpiriesTest {
    private static final long NOW = 1_780_000_000_000L;
    private static final long PUSHED = TtlGuard.guarded(NOW + 60_000, NOW);

    @TempDir
    Path dir;

    @Test
    void namesTheKeysWrittenWithAnExpiryInThePushedWindowAndNoOthers() throws IOException {
        try (PushedExpiries pushed = new PushedExpiries(new Spool(dir).newKeyLog("pushed"))) {
            pushed.written(0, command("RESTORE", "snapshot", Long.toString(PUSHED), "payload", "REPLACE", "ABSTTL"), NOW);
            pushed.written(0, command("RESTORE", "no-ttl", "0", "payload", "REPLACE", "ABSTTL"), NOW);
            pushed.written(0, command("RESTORE", "far", Long.toString(NOW + 2 * TtlGuard.HORIZON_MS), "payload",
                    "REPLACE", "ABSTTL"), NOW);
            pushed.written(3, command("pexpireat", "big-hash", Long.toString(PUSHED)), NOW);
            pushed.written(0, command("MSET", "a", "1", "b", "2"), NOW);
            pushed.written(1, command("SET", "stream", "v", "PXAT", Long.toString(PUSHED)), NOW);
            pushed.written(1, command("SET", "plain", "v"), NOW);
            pushed.written(1, command("PEXPIREAT", "near", Long.toString(NOW + 1000)), NOW);
            pushed.written(1, command("PEXPIREAT", "not-a-number", "17x0000000000"), NOW);
            pushed.written(1, command("PEXPIREAT", "negative", "-1"), NOW);
            pushed.written(1, command("PEXPIREAT", "overflow", "99999999999999999999"), NOW);

            assertThat(listed(pushed)).containsExactly("0 snapshot", "3 big-hash", "1 stream");
            assertThat(pushed.size()).isEqualTo(3);
            assertThat(pushed.incompleteBecause()).isEmpty();
        }
    }

    @Test
    void aCommandThatCanCarryAnExpiryToAnotherKeyMakesTheListIncomplete() throws IOException {
        for (String[] command : List.of(new String[] {"RENAME", "a", "b"}, new String[] {"renamenx", "a", "b"},
                new String[] {"COPY", "a", "b"}, new String[] {"MOVE", "a", "2"}, new String[] {"SWAPDB", "0", "1"},
                new String[] {"EVAL", "return 1", "0"})) {
            try (PushedExpiries pushed = new PushedExpiries(new Spool(dir).newKeyLog("pushed"))) {
                pushed.written(0, command("SET", "other", "v"), NOW);
                assertThat(pushed.incompleteBecause()).isEmpty();

                pushed.written(0, command(command), NOW);

                assertThat(pushed.incompleteBecause()).get().asString()
                        .contains(command[0].toUpperCase(java.util.Locale.ROOT));
            }
        }
    }

    private static List<String> listed(PushedExpiries pushed) throws IOException {
        List<String> keys = new ArrayList<>();
        pushed.forEach((db, key) -> keys.add(db + " " + new String(key, StandardCharsets.UTF_8)));
        return keys;
    }

    private static byte[][] command(String... args) {
        byte[][] bytes = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }
}
