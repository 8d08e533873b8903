package dev.redismigrate.core.validation;

import java.time.Instant;
import java.util.List;

/** The results of one run of the validation catalogue. */
public record ValidationReport(Instant at, List<CheckResult> results) {
    public ValidationReport {
        results = List.copyOf(results);
    }

    public boolean hasErrors() {
        return results.stream().anyMatch(r -> r.level() == CheckLevel.ERROR);
    }

    public long count(CheckLevel level) {
        return results.stream().filter(r -> r.level() == level).count();
    }

    public List<CheckResult> withLevel(CheckLevel level) {
        return results.stream().filter(r -> r.level() == level).toList();
    }
}
