package dev.redismigrate.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.validation.Check;
import dev.redismigrate.core.validation.ValidationReport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationViewTest {
    @Test
    void anErrorShowsWhatWasFoundApartFromWhatToDo() {
        ValidationReport report = new ValidationReport(Instant.EPOCH, List.of(
                Check.TARGET_EMPTY.error("Target db0 holds 12 keys. The target must be empty so nothing is overwritten."
                        + " Use an empty instance or FLUSHALL it first."),
                Check.SOURCE_REACHABLE.pass("Connected to redis://10.0.0.5:6379.")));

        ValidationView view = ValidationView.of(report);

        ValidationView.CheckView error = view.results().get(0);
        assertThat(error.title()).isEqualTo(Check.TARGET_EMPTY.checks());
        assertThat(error.found()).isEqualTo("Target db0 holds 12 keys. The target must be empty so nothing is overwritten.");
        assertThat(error.remedy()).isEqualTo("Use an empty instance or FLUSHALL it first.");
        assertThat(view.results().get(1).remedy()).isNull();
        assertThat(view.results().get(1).found()).isEqualTo("Connected to redis://10.0.0.5:6379.");
        assertThat(view.errors()).isEqualTo(1);
        assertThat(view.canCreate()).isFalse();
    }
}
