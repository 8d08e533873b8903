package dev.redismigrate.benchmark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The rows measured so far, printed as each completes and at the end as a markdown table for README. */
final class ResultTable {
    private final List<RowResult> rows = new ArrayList<>();

    void add(RowResult row) {
        rows.add(row);
        System.out.println(row.line());
        System.out.flush();
    }

    String markdown(Machine machine) {
        StringBuilder out = new StringBuilder();
        out.append(machine.describeRun()).append("\n\n");
        out.append("| # | work | redis-migrate | native, disk loading | native, socket loading | ratio (disk) |"
                + " ratio (socket) | peak RSS of redis-migrate |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        rows.stream().sorted(Comparator.comparing(RowResult::row)).forEach(r -> out.append(String.format(
                "| %s | %s | %s | %s | %s | %s | %s | %s |%n", r.row(), r.work(), r.oursCell(), r.nativeCell(r.disk()),
                r.nativeCell(r.socket()), r.ratio(r.disk()), r.ratio(r.socket()), r.rssCell())));
        out.append("\nNo other migration tool is installed here, so issue 12's \"best other tool\" column is not"
                + " reproduced.\n");
        return out.toString();
    }
}
