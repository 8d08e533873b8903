package dev.redismigrate.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.store.TaskJson;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DifferenceTallyTest {
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final Map<Integer, DbKeyCount> COUNTS = Map.of(0, new DbKeyCount(10, 2), 1, new DbKeyCount(1, 0));

    @Test
    void anEqualReportSaysSoInOneLine() {
        VerificationReport report = new DifferenceTally(10)
                .report(VerifyMode.FULL, START, START.plusMillis(1500), 1, 12_345, 0, COUNTS, COUNTS);

        assertThat(report.consistent()).isTrue();
        assertThat(report.elapsedMillis()).isEqualTo(1500);
        assertThat(report.summary()).isEqualTo("EQUAL: no differences; full mode, 12,345 keys compared in 2 databases, 1 round");
    }

    @Test
    void countsEveryDifferenceButShowsAtMostMaxShown() {
        DifferenceTally tally = new DifferenceTally(2);
        tally.add(new Difference(0, "a", DifferenceKind.VALUE, "string differs"));
        tally.add(new Difference(0, "b", DifferenceKind.VALUE, "string differs"));
        tally.add(new Difference(0, "c", DifferenceKind.TTL, "no TTL on source, TTL 5.0 s on target"));
        tally.addUnconfirmed(DifferenceKind.MISSING_ON_TARGET, 4);

        VerificationReport report = tally.report(VerifyMode.FULL, START, START, 3, 100, 0, COUNTS, COUNTS);

        assertThat(report.totalDifferences()).isEqualTo(7);
        assertThat(report.differences()).hasSize(2);
        assertThat(report.notShown()).isEqualTo(5);
        assertThat(report.differencesByKind()).containsEntry(DifferenceKind.VALUE, 2L)
                .containsEntry(DifferenceKind.TTL, 1L).containsEntry(DifferenceKind.MISSING_ON_TARGET, 4L);
        assertThat(report.summary()).isEqualTo("DIFFERENT: 7 differences (4 missing on target, 2 value, 1 ttl);"
                + " full mode, 100 keys compared in 2 databases, 3 rounds; 2 shown; 4 not re-checked");
    }

    @Test
    void countsModeDoesNotTalkAboutKeysCompared() {
        DifferenceTally tally = new DifferenceTally(10);
        tally.add(new Difference(1, null, DifferenceKind.COUNT, "keys: source 1, target 2"));

        VerificationReport report = tally.report(VerifyMode.COUNTS, START, START, 1, 0, 0, COUNTS, Map.of());

        assertThat(report.summary()).isEqualTo("DIFFERENT: 1 difference (1 count); counts mode, 2 databases, 1 round");
        assertThat(report.differences().get(0).line()).isEqualTo("db1 COUNT: keys: source 1, target 2");
    }

    @Test
    void theReportRoundTripsThroughJson() {
        DifferenceTally tally = new DifferenceTally(10);
        tally.add(new Difference(0, "\\xff", DifferenceKind.EXTRA_ON_TARGET, "target string"));
        VerificationReport report = tally.report(VerifyMode.SAMPLE, START, START, 2, 5, 1, COUNTS, COUNTS);

        String json = TaskJson.write(report);

        assertThat(json).contains("\"kind\":\"EXTRA_ON_TARGET\"").contains("\"summary\":\"DIFFERENT: 1 difference");
        assertThat(TaskJson.read(json, VerificationReport.class)).isEqualTo(report);
    }
}
