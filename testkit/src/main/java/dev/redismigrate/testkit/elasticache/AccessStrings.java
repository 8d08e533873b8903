package dev.redismigrate.testkit.elasticache;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * ElastiCache's rules for an access string (Clusters.RBAC.html): passwords are set through the API, never in the
 * string, and {@code reset} (which would drop them) is not allowed; {@code nopass} is the API's NoPasswordRequired.
 */
final class AccessStrings {
    private static final List<String> FORBIDDEN_RULES = List.of("reset", "nopass", "resetpass");

    private AccessStrings() {
    }

    /** The string's rules, or InvalidParameterValue. The message never repeats a rule (it may be a password). */
    static List<String> rules(String accessString) {
        if (accessString == null || accessString.isBlank()) {
            throw ApiFaults.invalidParameter("The access string is empty.");
        }
        List<String> rules = Arrays.asList(accessString.trim().split("\\s+"));
        for (String rule : rules) {
            char first = rule.charAt(0);
            if (first == '>' || first == '<' || first == '#' || first == '!') {
                throw ApiFaults.invalidParameter("An access string cannot hold a password: set passwords with the "
                        + "Passwords parameter.");
            }
            if (FORBIDDEN_RULES.contains(rule.toLowerCase(Locale.ROOT))) {
                throw ApiFaults.invalidParameter("An access string cannot use " + rule.toLowerCase(Locale.ROOT)
                        + ": ElastiCache manages the user's passwords.");
            }
        }
        return List.copyOf(rules);
    }
}
