package dev.redismigrate.infra;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

/** Every IAM statement of a synthesized template, by the logical id of the role it is attached to. */
final class IamStatements {
    private final Map<String, List<JsonNode>> byRole = new HashMap<>();
    private final List<JsonNode> all = new ArrayList<>();

    static IamStatements of(JsonNode template) {
        IamStatements statements = new IamStatements();
        template.path("Resources").properties().forEach(entry -> {
            JsonNode resource = entry.getValue();
            JsonNode properties = resource.path("Properties");
            switch (resource.path("Type").asText()) {
                case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy" -> {
                    if (properties.path("Roles").isEmpty()) {
                        statements.add(null, properties.path("PolicyDocument"));
                    }
                    for (JsonNode role : properties.path("Roles")) {
                        statements.add(role.path("Ref").asText(), properties.path("PolicyDocument"));
                    }
                }
                case "AWS::IAM::Role" -> {
                    for (JsonNode policy : properties.path("Policies")) {
                        statements.add(entry.getKey(), policy.path("PolicyDocument"));
                    }
                }
                default -> { }
            }
        });
        return statements;
    }

    private void add(String role, JsonNode document) {
        for (JsonNode statement : document.path("Statement")) {
            if (role == null) {
                all.add(statement);
            } else {
                byRole.computeIfAbsent(role, r -> new ArrayList<>()).add(statement);
            }
        }
    }

    /** Every statement, attached or not, inline in roles included. */
    List<JsonNode> all() {
        List<JsonNode> every = new ArrayList<>(all);
        byRole.values().forEach(every::addAll);
        return every;
    }

    List<JsonNode> ofRole(String role) {
        return byRole.getOrDefault(role, List.of());
    }

    /** Logical ids of the roles holding a statement that names this exact action. */
    Set<String> rolesAllowing(String action) {
        Set<String> roles = new TreeSet<>();
        byRole.forEach((role, statements) -> {
            if (statements.stream().anyMatch(s -> actions(s).contains(action))) {
                roles.add(role);
            }
        });
        return roles;
    }

    /** The statements of a role that name this exact action. */
    List<JsonNode> ofRole(String role, String action) {
        return ofRole(role).stream().filter(s -> actions(s).contains(action)).toList();
    }

    static List<String> actions(JsonNode statement) {
        return strings(statement.path("Action"));
    }

    static List<JsonNode> resources(JsonNode statement) {
        JsonNode resource = statement.path("Resource");
        return resource.isArray() ? StreamSupport.stream(resource.spliterator(), false).toList() : List.of(resource);
    }

    private static List<String> strings(JsonNode node) {
        return node.isArray()
                ? StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText).toList()
                : List.of(node.asText());
    }
}
