package dev.redismigrate.core.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.task.ParameterSetting;
import dev.redismigrate.core.validation.CheckLevel;
import org.junit.jupiter.api.Test;

class ParameterCatalogueTest {
    @Test
    void everyDefaultIsInRangeAndDocumented() {
        assertThat(ParameterCatalogue.defaults()).extracting(ParameterSetting::name)
                .containsExactly("client-output-buffer-limit", "repl-backlog-size", "repl-timeout", "repl-diskless-sync-delay");
        for (SourceParameter p : ParameterCatalogue.all()) {
            assertThat(p.check(p.defaultValue()).level()).as(p.name()).isEqualTo(CheckLevel.PASS);
            assertThat(p.reason()).as(p.name()).hasSizeGreaterThan(80);
        }
    }

    @Test
    void namesAreCaseInsensitiveAndBothReplicaClassNamesAreAccepted() {
        assertThat(ParameterCatalogue.check("Repl-Timeout", " 300 ").level()).isEqualTo(CheckLevel.PASS);
        assertThat(ParameterCatalogue.check("client-output-buffer-limit", "SLAVE 512mb 256mb 60").level())
                .isEqualTo(CheckLevel.PASS);
    }

    @Test
    void overridesReplaceDefaultsByNameAndUnknownNamesAreKept() {
        assertThat(ParameterCatalogue.defaultsWith(java.util.Map.of("REPL-TIMEOUT", "600", "appendonly", "no")))
                .extracting(p -> p.name() + "=" + p.requested())
                .containsExactly("client-output-buffer-limit=replica 2gb 0 0", "repl-backlog-size=256mb",
                        "repl-timeout=600", "repl-diskless-sync-delay=0", "appendonly=no");
    }

    @Test
    void rangesAreEnforced() {
        assertThat(ParameterCatalogue.check("repl-backlog-size", "512kb").level()).isEqualTo(CheckLevel.ERROR);
        assertThat(ParameterCatalogue.check("repl-backlog-size", "17gb").level()).isEqualTo(CheckLevel.ERROR);
        assertThat(ParameterCatalogue.check("repl-backlog-size", "lots").level()).isEqualTo(CheckLevel.ERROR);
        assertThat(ParameterCatalogue.check("repl-timeout", "59").level()).isEqualTo(CheckLevel.ERROR);
        assertThat(ParameterCatalogue.check("repl-timeout", "3600").level()).isEqualTo(CheckLevel.PASS);
        assertThat(ParameterCatalogue.check("repl-timeout", null).level()).isEqualTo(CheckLevel.ERROR);
        assertThat(ParameterCatalogue.check("client-output-buffer-limit", "normal 0 0 0").problem())
                .contains("only the replica class");
        assertThat(ParameterCatalogue.check("client-output-buffer-limit", "replica 64mb 0 0").level())
                .isEqualTo(CheckLevel.ERROR);
        assertThat(ParameterCatalogue.check("client-output-buffer-limit", "replica 1gb 2gb 60").level())
                .isEqualTo(CheckLevel.ERROR);
        assertThat(ParameterCatalogue.check("client-output-buffer-limit", "replica 1gb 512mb x").level())
                .isEqualTo(CheckLevel.ERROR);
        assertThat(ParameterCatalogue.check("client-output-buffer-limit", "replica 0 0 0").level())
                .isEqualTo(CheckLevel.WARNING);
        assertThat(ParameterCatalogue.check("save", "").problem()).contains("not a parameter the migration sets");
    }

    @Test
    void memorySizesFollowRedisUnits() {
        assertThat(MemorySize.parse("1k")).isEqualTo(1000);
        assertThat(MemorySize.parse("1KB")).isEqualTo(1024);
        assertThat(MemorySize.parse("3m")).isEqualTo(3_000_000);
        assertThat(MemorySize.parse("1gb")).isEqualTo(1L << 30);
        assertThat(MemorySize.parse("42")).isEqualTo(42);
        assertThatThrownBy(() -> MemorySize.parse("-1mb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MemorySize.parse("99999999999999999999gb")).isInstanceOf(RuntimeException.class);
        assertThat(MemorySize.human(5_452_595)).isEqualTo("5.2 MiB");
        assertThat(MemorySize.human(100)).isEqualTo("100 B");
    }
}
