package dev.redismigrate.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.core.params.ParameterCatalogue;
import dev.redismigrate.core.params.SourceParameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/validation.md documents every check id and every source parameter with its default. */
class CatalogueDocsTest {
    private static final Path DOC = Path.of("..", "docs", "validation.md");

    @Test
    void everyCheckIsDocumentedOnce() throws Exception {
        String doc = Files.readString(DOC);
        Set<String> ids = new HashSet<>();
        for (Check check : Check.values()) {
            assertThat(ids.add(check.id())).as("duplicate id " + check.id()).isTrue();
            assertThat(doc).as(check.id()).containsOnlyOnce("| `" + check.id() + "` |");
        }
    }

    @Test
    void everyParameterIsDocumentedWithItsDefault() throws Exception {
        String doc = Files.readString(DOC);
        for (SourceParameter p : ParameterCatalogue.all()) {
            assertThat(doc).as(p.name()).contains("| `" + p.name() + "` | `" + p.defaultValue() + "` |");
        }
    }
}
