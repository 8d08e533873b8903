package dev.redismigrate.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.progress.SyncPhase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressSeriesTest {
    private static ProgressSample at(long millis) {
        return new ProgressSample(millis, SyncPhase.INCREMENTAL, 100.0, null, millis, millis, 0L, 0L, Map.of(), Map.of());
    }

    @Test
    void aLongSyncKeepsBoundedSamplesThatStillSpanItFromTheStart() {
        ProgressSeries series = new ProgressSeries();
        for (long second = 0; second < 10_000; second++) {
            series.add("t", at(second * 1000));
        }

        List<ProgressSample> kept = series.of("t", null);

        assertThat(kept.size()).isLessThanOrEqualTo(ProgressSeries.MAX_SAMPLES).isGreaterThan(ProgressSeries.MAX_SAMPLES / 2);
        assertThat(kept.get(0).at()).isZero();
        assertThat(kept.get(kept.size() - 1).at()).isGreaterThan(9_990_000L);
        assertThat(kept).isSortedAccordingTo((a, b) -> Long.compare(a.at(), b.at()));
    }

    @Test
    void sinceReturnsOnlyLaterSamplesAndAnUnknownTaskHasNone() {
        ProgressSeries series = new ProgressSeries();
        series.add("t", at(1000));
        series.add("t", at(2000));

        assertThat(series.of("t", 1000L)).extracting(ProgressSample::at).containsExactly(2000L);
        assertThat(series.of("other", null)).isEmpty();
    }
}
