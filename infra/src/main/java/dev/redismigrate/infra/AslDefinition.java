package dev.redismigrate.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state machine definition as written in {@code statemachine/migration.asl.json}: read as it is (the stack never
 * holds a copy of it), with the {@code ${...}} keys that CloudFormation replaces at deploy time and the service
 * integrations its Task states call (which decide the state machine's permissions).
 */
public final class AslDefinition {
    /** A key is a name; {@code ${...}} in a Comment's prose is not one. */
    private static final Pattern KEY = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final String text;
    private final JsonNode tree;

    private AslDefinition(Path file, String text) {
        this.file = file;
        this.text = text;
        try {
            this.tree = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("State machine definition " + file + " is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    public static AslDefinition read(Path file) {
        try {
            return new AslDefinition(file, Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("State machine definition not found: " + file.toAbsolutePath()
                    + " (run cdk from infra/, or pass -c definitionFile=PATH)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the state machine definition " + file, e);
        }
    }

    public static AslDefinition of(Path file, String text) {
        return new AslDefinition(file, text);
    }

    public String text() {
        return text;
    }

    /** The names inside every {@code ${...}} of the file, sorted. */
    public Set<String> substitutionKeys() {
        Set<String> keys = new TreeSet<>();
        Matcher matcher = KEY.matcher(text);
        while (matcher.find()) {
            keys.add(matcher.group(1));
        }
        return keys;
    }

    /**
     * Fails, naming every key, when the definition uses a {@code ${...}} key that {@code supplied} has no value for:
     * CloudFormation would otherwise deploy the definition with the placeholder left in it.
     */
    public void requireSubstitutions(Map<String, ?> supplied) {
        Set<String> missing = new TreeSet<>(substitutionKeys());
        missing.removeAll(supplied.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("The state machine definition " + file + " uses "
                    + String.join(", ", missing.stream().map(k -> "${" + k + "}").toList())
                    + " but the stack supplies no value for " + (missing.size() == 1 ? "it" : "them")
                    + ". Supplied keys: " + new TreeSet<>(supplied.keySet())
                    + ". Add the key to DefinitionSubstitutions (or MigrationFunction) in infra, or fix the definition.");
        }
    }

    /** The {@code Resource} of every Task state, nested ones (Parallel branches, Map processors) included. */
    public Set<String> taskResources() {
        Set<String> resources = new TreeSet<>();
        collectTaskResources(tree, resources);
        return resources;
    }

    private static void collectTaskResources(JsonNode node, Set<String> resources) {
        if (node.isObject()) {
            if ("Task".equals(node.path("Type").asText()) && node.path("Resource").isTextual()) {
                resources.add(node.path("Resource").asText());
            }
            node.forEach(child -> collectTaskResources(child, resources));
        } else if (node.isArray()) {
            node.forEach(child -> collectTaskResources(child, resources));
        }
    }
}
