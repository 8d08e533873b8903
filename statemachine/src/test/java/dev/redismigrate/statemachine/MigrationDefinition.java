package dev.redismigrate.statemachine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real {@code statemachine/migration.asl.json} (tests run in the module's directory) and its substitutions. */
final class MigrationDefinition {
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    private MigrationDefinition() {
    }

    static Path path() {
        Path file = Path.of("migration.asl.json").toAbsolutePath();
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " not found; run the tests from the statemachine module");
        }
        return file;
    }

    static String text() {
        try {
            return Files.readString(path());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code ${...}} keys, as the CDK stack must supply them. */
    static Set<String> substitutionKeys() {
        Set<String> keys = new TreeSet<>();
        Matcher m = SUBSTITUTION.matcher(text());
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    /** Test values for every key: a Lambda ARN whose function name is the key itself (the bridge finds the handler by it). */
    static Map<String, String> testSubstitutions() {
        Map<String, String> values = new TreeMap<>();
        for (String key : substitutionKeys()) {
            if (!key.endsWith("FunctionArn")) {
                throw new IllegalStateException("no test value for ${" + key + "}; add one here and in docs/workflow.md");
            }
            values.put(key, "arn:aws:lambda:us-east-1:000000000000:function:" + key);
        }
        return values;
    }
}
