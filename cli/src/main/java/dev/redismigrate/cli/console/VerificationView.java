package dev.redismigrate.cli.console;

import dev.redismigrate.core.verify.Difference;
import dev.redismigrate.core.verify.VerificationReport;
import java.time.Instant;
import java.util.List;

/** A verification report as the console shows it: equal or not, and the first differences. */
record VerificationView(String mode, boolean equal, long compared, List<DifferenceView> differences,
                        long totalDifferences, String summary, Instant at) {
    private static final int SHOWN = 100;

    record DifferenceView(String key, String kind, String detail, int db) {
    }

    static VerificationView of(VerificationReport report) {
        if (report == null) {
            return null;
        }
        return new VerificationView(report.mode().label(), report.consistent(), report.keysCompared(),
                report.differences().stream().limit(SHOWN).map(VerificationView::difference).toList(),
                report.totalDifferences(), report.summary(), report.startedAt());
    }

    private static DifferenceView difference(Difference d) {
        return new DifferenceView(d.key(), d.kind().name(), d.detail(), d.db());
    }
}
