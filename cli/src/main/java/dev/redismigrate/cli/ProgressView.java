package dev.redismigrate.cli;

import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.progress.SyncPhase;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.validation.ValidationReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The live progress display. On a terminal the status line is redrawn in place (progress bar with % and ETA during
 * the snapshot; offset, lag and key counts afterwards), with a line per shard below it for a task of several syncs;
 * otherwise plain lines every few seconds; with
 * {@code --json-progress} one JSON object per report, for scripts.
 */
final class ProgressView {
    enum Style { TERMINAL, LINES, JSON }

    private static final int BAR_WIDTH = 30;
    private static final Duration PLAIN_LINE_EVERY = Duration.ofSeconds(5);

    private final PrintWriter out;
    private final Style style;
    private Instant lastPlainLine = Instant.EPOCH;
    private String lastEventShown;
    /** How many lines the live status takes on the terminal now (0: none drawn). */
    private int redrawnLines;

    ProgressView(PrintWriter out, Style style) {
        this.out = out;
        this.style = style;
    }

    static Style styleFor(boolean json) {
        return json ? Style.JSON : System.console() != null ? Style.TERMINAL : Style.LINES;
    }

    /** A line about a step (validated, locked, ...): printed above the live status line. */
    synchronized void step(String message) {
        if (style == Style.JSON) {
            out.println(TaskJson.write(Map.of("step", message, "at", Instant.now().toString())));
            out.flush();
            return;
        }
        clearLine();
        out.println(message);
        out.flush();
    }

    synchronized void validation(ValidationReport report) {
        if (style == Style.JSON) {
            out.println(TaskJson.write(Map.of("validation", report)));
            return;
        }
        clearLine();
        ReportTable.print(report, 110, out);
        out.flush();
    }

    /** The final task, in JSON style only (the other styles print it with {@link TaskPrinter}). */
    synchronized void task(MigrationTask task) {
        out.println(TaskJson.write(Map.of("task", task)));
        out.flush();
    }

    boolean isJson() {
        return style == Style.JSON;
    }

    synchronized void show(Progress p) {
        show(p, List.of());
    }

    /** @param shardLines a line per shard under the total ({@link ShardLines}), none for a task of one sync */
    synchronized void show(Progress p, List<String> shardLines) {
        if (style == Style.JSON) {
            out.println(TaskJson.write(p));
            out.flush();
            return;
        }
        if (p.lastEvent() != null && !p.lastEvent().toString().equals(lastEventShown)) {
            lastEventShown = p.lastEvent().toString();
            step("event: " + p.lastEvent().kind() + " - " + p.lastEvent().reason());
        }
        String line = render(p);
        if (style == Style.TERMINAL) {
            clearLine();
            out.print(line);
            shardLines.forEach(shard -> out.print("\n  " + shard));
            out.flush();
            redrawnLines = 1 + shardLines.size();
        } else if (Duration.between(lastPlainLine, p.updatedAt() == null ? Instant.now() : p.updatedAt())
                .compareTo(PLAIN_LINE_EVERY) >= 0) {
            lastPlainLine = p.updatedAt() == null ? Instant.now() : p.updatedAt();
            out.println(line);
            shardLines.forEach(shard -> out.println("  " + shard));
            out.flush();
        }
    }

    /** Ends the live line so later output starts on a fresh line. */
    synchronized void close() {
        clearLine();
    }

    static String render(Progress p) {
        StringBuilder s = new StringBuilder(p.phase().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        if (p.phase() == SyncPhase.FULL_SYNC) {
            s.append(' ').append(bar(p)).append(" keys ").append(Units.count(p.keysApplied()));
        } else if (p.phase() != SyncPhase.CONNECTING) {
            s.append(String.format(Locale.ROOT, " | offset %d applied %d lag %s / %s | %.0f ops/s | keys %s",
                    p.sourceOffset(), p.appliedOffset(), Units.bytes(p.lagBytes()),
                    p.lagMillis() < 0 ? "?" : seconds(p.lagMillis()),
                    p.opsPerSecond(), keyCounts(p.sourceKeys(), p.targetKeys())));
            if (p.checkpointAgeMillis() >= 0) {
                s.append(" | checkpoint ").append(seconds(p.checkpointAgeMillis())).append(" old");
            }
        }
        return s.toString();
    }

    /** Milliseconds as seconds with one decimal: "0.4s". */
    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }

    private static String bar(Progress p) {
        long total = p.snapshotBytesTotal();
        long done = p.snapshotBytesApplied();
        if (total <= 0) {
            return "received " + Units.bytes(p.snapshotBytesReceived()) + ", applied " + Units.bytes(done);
        }
        double ratio = Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(ratio * BAR_WIDTH);
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%3.0f%%", ratio * 100) + " " + Units.bytes(done) + "/" + Units.bytes(total)
                + " ETA " + Units.duration(p.etaSeconds());
    }

    /** "db0 1,000/1,000 (900/900 no TTL)" per DB in use on either side: source/target. */
    static String keyCounts(Map<Integer, DbKeyCount> source, Map<Integer, DbKeyCount> target) {
        Set<Integer> dbs = new TreeSet<>(source.keySet());
        dbs.addAll(target.keySet());
        if (dbs.isEmpty()) {
            return "source 0 / target 0";
        }
        StringBuilder s = new StringBuilder();
        for (int db : dbs) {
            DbKeyCount src = source.getOrDefault(db, new DbKeyCount(0, 0));
            DbKeyCount dst = target.getOrDefault(db, new DbKeyCount(0, 0));
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append("db").append(db).append(' ').append(Units.count(src.keys())).append('/').append(Units.count(dst.keys()))
                    .append(" (").append(Units.count(src.persistent())).append('/').append(Units.count(dst.persistent()))
                    .append(" no TTL)");
        }
        return s.append(" source/target").toString();
    }

    /** Erases the live lines (the total and any shard lines below it), leaving the cursor where the first began. */
    private void clearLine() {
        if (redrawnLines > 0) {
            out.print("\r\033[2K" + "\033[1A\033[2K".repeat(redrawnLines - 1));
            out.flush();
            redrawnLines = 0;
        }
    }
}
