package dev.redismigrate.cli.console;

import dev.redismigrate.core.validation.Check;
import dev.redismigrate.core.validation.CheckLevel;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.ValidationReport;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A validation report as the console shows it: each check with its title, what was found and what to do. */
record ValidationView(List<CheckView> results, long errors, long warnings, boolean canCreate, String lockStrategy,
                      Instant at) {

    /**
     * One check. {@code message} is the check's whole text (what was found, why it matters, what to do); for a WARNING
     * or an ERROR {@code remedy} is its closing sentence (what to do) and {@code found} the rest.
     */
    record CheckView(String id, CheckLevel severity, String title, String found, String remedy, String message) {
    }

    static ValidationView of(ValidationReport report) {
        if (report == null) {
            return null;
        }
        long errors = report.count(CheckLevel.ERROR);
        return new ValidationView(report.results().stream().map(ValidationView::check).toList(), errors,
                report.count(CheckLevel.WARNING), errors == 0,
                report.lockStrategy() == null ? null : report.lockStrategy().id(), report.at());
    }

    private static CheckView check(CheckResult result) {
        String title = Arrays.stream(Check.values()).filter(c -> c.id().equals(result.id())).findFirst()
                .map(Check::checks).orElse(result.id());
        String message = result.message();
        boolean advice = result.level() == CheckLevel.ERROR || result.level() == CheckLevel.WARNING;
        // the catalogue's messages end with what to do, as their own sentence ("... Use an empty instance.")
        String[] sentences = message.split("(?<=[.!?])\\s+(?=[A-Z(])");
        if (!advice || sentences.length < 2) {
            return new CheckView(result.id(), result.level(), title, message, null, message);
        }
        String remedy = sentences[sentences.length - 1];
        String found = message.substring(0, message.length() - remedy.length()).strip();
        return new CheckView(result.id(), result.level(), title, found, remedy, message);
    }
}
