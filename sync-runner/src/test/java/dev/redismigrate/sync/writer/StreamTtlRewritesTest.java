package dev.redismigrate.sync.writer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.sync.snapshot.TtlGuard;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamTtlRewritesTest {
    private static final long NOW = 1_700_000_000_000L;

    private static byte[][] args(String... parts) {
        return Arrays.stream(parts).map(p -> p.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    }

    private static List<String> text(byte[][] args) {
        return Arrays.stream(args).map(a -> new String(a, StandardCharsets.US_ASCII)).toList();
    }

    @Test
    void relativeExpiriesCountFromWhenTheSourceIssuedThem() {
        assertThat(text(AbsoluteTtl.rewrite(args("EXPIRE", "k", "10"), NOW, true)))
                .containsExactly("PEXPIREAT", "k", Long.toString(NOW + 10_000));
        assertThat(text(AbsoluteTtl.rewrite(args("SETEX", "k", "5", "v"), NOW, true)))
                .containsExactly("SET", "k", "v", "PXAT", Long.toString(NOW + 5_000));
        assertThat(text(AbsoluteTtl.rewrite(args("SET", "k", "v", "PX", "250", "NX"), NOW, true)))
                .containsExactly("SET", "k", "v", "PXAT", Long.toString(NOW + 250), "NX");
        assertThat(text(AbsoluteTtl.rewrite(args("SETEX", "k", "5", "v"), NOW, false)))
                .containsExactly("SETEX", "k", "5", "v");
        assertThat(text(AbsoluteTtl.rewrite(args("EXPIRE", "k", "x"), NOW, true))).containsExactly("EXPIRE", "k", "x");
    }

    @Test
    void absoluteExpiriesArePushedWhileCatchingUp() {
        long at = NOW + 5_000;
        assertThat(text(StreamTtlGuard.guard(args("PEXPIREAT", "k", Long.toString(at)), NOW)))
                .containsExactly("PEXPIREAT", "k", Long.toString(at + TtlGuard.PUSH_MS));
        assertThat(text(StreamTtlGuard.guard(args("SET", "k", "v", "EXAT", Long.toString(at / 1000)), NOW)))
                .containsExactly("SET", "k", "v", "PXAT", Long.toString(at / 1000 * 1000 + TtlGuard.PUSH_MS));
        assertThat(text(StreamTtlGuard.guard(args("RESTORE", "k", Long.toString(at), "payload", "ABSTTL"), NOW)))
                .containsExactly("RESTORE", "k", Long.toString(at + TtlGuard.PUSH_MS), "payload", "ABSTTL");
        assertThat(text(StreamTtlGuard.guard(args("RESTORE", "k", "5000", "payload"), NOW)))
                .containsExactly("RESTORE", "k", "5000", "payload");
        assertThat(text(StreamTtlGuard.guard(args("PEXPIREAT", "k", "soon"), NOW)))
                .containsExactly("PEXPIREAT", "k", "soon");
    }

    @Test
    void targetVersionsMapToTheRdbVersionTheyRead() {
        assertThat(TargetFacts.of("7.0.15").rdbVersion()).isEqualTo(10);
        assertThat(TargetFacts.of("6.2.6").rdbVersion()).isEqualTo(9);
        assertThat(TargetFacts.of("7.2.4").rdbVersion()).isEqualTo(11);
        assertThat(TargetFacts.of("8.0.2").rdbVersion()).isEqualTo(12);
        assertThat(TargetFacts.of("4.0.14").supported()).isFalse();
        assertThat(TargetFacts.of("6.2.6").hasPxat()).isTrue();
        assertThat(TargetFacts.of("6.0.9").hasPxat()).isFalse();
    }
}
