package dev.redismigrate.cli;

import dev.redismigrate.core.validation.CheckLevel;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.ValidationReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A validation report as a table: level, check id, message wrapped under its column; then a one-line summary. */
final class ReportTable {
    private static final int MIN_MESSAGE_WIDTH = 30;

    private ReportTable() {
    }

    static void print(ValidationReport report, int width, PrintWriter out) {
        int idWidth = Math.max("CHECK".length(), report.results().stream().mapToInt(r -> r.id().length()).max().orElse(0));
        int levelWidth = "WARNING".length();
        int indent = levelWidth + 2 + idWidth + 2;
        int messageWidth = Math.max(MIN_MESSAGE_WIDTH, width - indent);
        String format = "%-" + levelWidth + "s  %-" + idWidth + "s  %s%n";
        out.printf(format, "LEVEL", "CHECK", "MESSAGE");
        for (CheckResult r : report.results()) {
            List<String> lines = wrap(r.message(), messageWidth);
            out.printf(format, r.level(), r.id(), lines.get(0));
            for (String line : lines.subList(1, lines.size())) {
                out.printf("%" + indent + "s%s%n", "", line);
            }
        }
        out.println();
        out.println(summary(report));
    }

    static String summary(ValidationReport report) {
        long errors = report.count(CheckLevel.ERROR);
        long warnings = report.count(CheckLevel.WARNING);
        String counts = plural(errors, "error") + ", " + plural(warnings, "warning") + ", "
                + report.count(CheckLevel.PASS) + " passed, " + report.count(CheckLevel.SKIPPED) + " skipped.";
        if (errors > 0) {
            return counts + " The migration cannot start until every ERROR is fixed.";
        }
        return counts + (warnings > 0 ? " The migration can start; read the warnings first." : " Ready to migrate.");
    }

    /** Greedy word wrap; a word longer than the width gets a line of its own. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
