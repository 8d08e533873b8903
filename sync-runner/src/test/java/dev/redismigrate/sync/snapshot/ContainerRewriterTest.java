package dev.redismigrate.sync.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.moilioncircle.redis.replicator.util.CRC64;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerRewriterTest {
    private record Written(int db, String name, byte[][] command, int keys) {
        boolean completesKey() {
            return keys > 0;
        }
    }

    private final List<Written> written = new ArrayList<>();
    private final SnapshotSink sink = (db, command, keys) ->
            written.add(new Written(db, new String(command[0], StandardCharsets.US_ASCII), command, keys));

    private ContainerRewriter rewriter(ContainerRewriter.Kind kind, long expireAt, long bigKeyBytes) {
        KeyMeta meta = new KeyMeta(2, "k".getBytes(StandardCharsets.US_ASCII), expireAt, -1, -1);
        return new ContainerRewriter(kind, meta, sink, new ContainerRewriter.Limits(bigKeyBytes, 1000, 10),
                () -> 1_000L, 10);
    }

    @Test
    void aSmallKeyBecomesOneRestoreWithAValidPayload() throws Exception {
        ContainerRewriter hash = rewriter(ContainerRewriter.Kind.HASH, -1, 1 << 20);
        hash.field(bytes("f"), bytes("v"));
        hash.field(bytes("g"), bytes("w"));
        hash.finish();

        assertThat(written).hasSize(1);
        Written restore = written.get(0);
        assertThat(restore.name()).isEqualTo("RESTORE");
        assertThat(restore.db()).isEqualTo(2);
        assertThat(restore.completesKey()).isTrue();
        assertThat(new String(restore.command()[2], StandardCharsets.US_ASCII)).isEqualTo("0");
        byte[] payload = restore.command()[3];
        assertThat(payload[0]).isEqualTo((byte) 4); // RDB_TYPE_HASH
        int end = payload.length - 8;
        assertThat(payload[end - 2]).isEqualTo((byte) 10); // RDB version, little endian
        assertThat(Arrays.copyOfRange(payload, end, payload.length))
                .isEqualTo(CRC64.longToByteArray(CRC64.crc64(payload, 0, end)));
    }

    @Test
    void aBigKeyBecomesBoundedCommandsThenItsExpiry() throws Exception {
        ContainerRewriter zset = rewriter(ContainerRewriter.Kind.ZSET, 5_000L, 500);
        for (int i = 0; i < 95; i++) {
            zset.scored(bytes("member-" + i), i + 0.5);
        }
        zset.finish();

        assertThat(written.get(0).name()).isEqualTo("DEL");
        List<Written> adds = written.stream().filter(w -> w.name().equals("ZADD")).toList();
        assertThat(adds).allMatch(w -> (w.command().length - 2) / 2 <= 10);
        assertThat(adds.stream().mapToInt(w -> (w.command().length - 2) / 2).sum()).isEqualTo(95);
        Written last = written.get(written.size() - 1);
        assertThat(last.name()).isEqualTo("PEXPIREAT");
        assertThat(Long.parseLong(new String(last.command()[2], StandardCharsets.US_ASCII)))
                .isEqualTo(5_000L + TtlGuard.PUSH_MS);
        assertThat(written).filteredOn(Written::completesKey).containsExactly(last);
    }

    @Test
    void scoresAreWrittenAsRedisReadsThem() {
        assertThat(ContainerRewriter.score(3)).isEqualTo("3");
        assertThat(ContainerRewriter.score(-2.5)).isEqualTo("-2.5");
        assertThat(ContainerRewriter.score(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(ContainerRewriter.score(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(Double.parseDouble(ContainerRewriter.score(1e300))).isEqualTo(1e300);
        assertThat(Double.parseDouble(ContainerRewriter.score(0.1 + 0.2))).isEqualTo(0.1 + 0.2);
    }

    @Test
    void theGuardPushesOnlyExpiriesThatCouldPassWhileCatchingUp() {
        long now = 1_700_000_000_000L;
        assertThat(TtlGuard.guarded(now + 1000, now)).isEqualTo(now + 1000 + TtlGuard.PUSH_MS);
        assertThat(TtlGuard.guarded(now - 1000, now)).isEqualTo(now - 1000 + TtlGuard.PUSH_MS);
        long farAway = now + 2 * TtlGuard.HORIZON_MS;
        assertThat(TtlGuard.guarded(farAway, now)).isEqualTo(farAway);
        assertThat(TtlGuard.guarded(now + 1000, now)).isBetween(TtlGuard.windowStart(now), TtlGuard.windowEnd(now));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
