package dev.redismigrate.core.lock;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code ACL LIST}: {@code user <name> <rule> <rule> ...}, split into the arguments {@code ACL SETUSER}
 * takes. A selector (Redis 7: {@code (~x +get)}) contains spaces but is one argument.
 *
 * <p>Redis prints key and channel patterns as they are, so a pattern that itself contains a space cannot be told
 * apart from two rules; unlocking verifies the result and reports such a user instead of guessing.
 */
public record AclUser(String name, List<String> rules) {
    public AclUser {
        rules = List.copyOf(rules);
    }

    public static AclUser parse(String line) {
        List<String> tokens = split(line);
        if (tokens.size() < 2 || !tokens.get(0).equals("user")) {
            throw new IllegalArgumentException("not an ACL LIST line: " + firstWords(line));
        }
        return new AclUser(tokens.get(1), tokens.subList(2, tokens.size()));
    }

    /** Redis 7 selectors: permissions that add to the root ones, so locking must clear them too. */
    public boolean hasSelectors() {
        return rules.stream().anyMatch(r -> r.startsWith("("));
    }

    /** Rules separated by single spaces, a selector in parentheses (which holds spaces) as one rule. */
    static List<String> split(String line) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inSelector = false;
        for (char c : line.toCharArray()) {
            if (c == ' ' && !inSelector) {
                if (!current.isEmpty()) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
                continue;
            }
            if (c == '(' && current.isEmpty()) {
                inSelector = true;
            } else if (c == ')' && inSelector) {
                inSelector = false;
            }
            current.append(c);
        }
        if (!current.isEmpty()) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    /** Enough of a malformed line to recognise it, never its password hashes. */
    private static String firstWords(String line) {
        String[] words = line.split(" ", 3);
        return words.length < 2 ? "'" + line + "'" : "'" + words[0] + " " + words[1] + " ...'";
    }
}
