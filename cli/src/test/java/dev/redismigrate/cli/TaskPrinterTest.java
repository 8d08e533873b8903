package dev.redismigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncEvent;
import dev.redismigrate.core.progress.SyncPhase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskPrinterTest {
    private static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void statusShowsTheCheckpointAgeTheLastResyncAndTheLastEvent() {
        SyncEvent resync = new SyncEvent(AT, "resync", "offset 42 is no longer in the source's backlog");
        SyncEvent reconnect = new SyncEvent(AT.plusSeconds(5), "reconnect", "source closed the replication link");
        Progress progress = new Progress(AT.plusSeconds(10), SyncPhase.INCREMENTAL, 100, 100, 100, 0, 10, 500, 500, 0, 0,
                12, Map.of(), Map.of(), "abc", AT.plusMillis(9600), reconnect, resync);

        String printed = print(progress);

        assertThat(printed).contains("checkpoint 0.4s old")
                .contains("checkpoint written 2026-11-24T10:00:09.600Z, 0.4s before the last report (2026-11-24T10:00:10Z)")
                .contains("resumed   resync: offset 42 is no longer in the source's backlog (2026-11-24T10:00:00Z)")
                .contains("event     reconnect: source closed the replication link");
    }

    @Test
    void aResumeThatIsAlsoTheLastEventIsShownOnce() {
        SyncEvent resume = new SyncEvent(AT, "resume", "continuing from offset 42");
        Progress progress = new Progress(AT, SyncPhase.INCREMENTAL, 100, 100, 100, 0, 10, 500, 500, 0, 0, 12, Map.of(),
                Map.of(), "abc", null, resume, resume);

        assertThat(print(progress)).contains("resumed   resume: continuing from offset 42").doesNotContain("event ")
                .doesNotContain("checkpoint");
    }

    private static String print(Progress progress) {
        StringWriter out = new StringWriter();
        TaskPrinter.printProgress(progress, new PrintWriter(out, true));
        return out.toString();
    }
}
