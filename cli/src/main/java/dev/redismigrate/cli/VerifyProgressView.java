package dev.redismigrate.cli;

import dev.redismigrate.core.verify.VerifyProgress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Verification progress on one overwritten line of stderr, only when a person watches a terminal: stdout stays clean
 * for the report (and for {@code --json}).
 */
final class VerifyProgressView implements Consumer<VerifyProgress> {
    private final PrintWriter err;
    private int width;

    private VerifyProgressView(PrintWriter err) {
        this.err = err;
    }

    static VerifyProgressView forTerminal(PrintWriter err) {
        return new VerifyProgressView(System.console() == null ? null : err);
    }

    /** {@code round 1, source keys: 12,345/100,000 keys, 3 differences, 9,800 ops/s} */
    static String line(VerifyProgress p) {
        String total = p.total() < 0 ? "" : String.format(Locale.ROOT, "/%,d", p.total());
        return String.format(Locale.ROOT, "round %d, %s: %,d%s keys, %,d differences, %,.0f ops/s", p.round(),
                p.phase().name().toLowerCase(Locale.ROOT).replace('_', ' '), p.done(), total, p.differences(),
                p.opsPerSecond());
    }

    @Override
    public void accept(VerifyProgress progress) {
        if (err == null) {
            return;
        }
        String line = line(progress);
        err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        err.flush();
        width = line.length();
    }

    /** Wipes the progress line so the report starts on a clean line. */
    void clear() {
        if (err != null && width > 0) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
        }
    }
}
