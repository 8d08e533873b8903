package dev.redismigrate.core.lock;

import java.util.ArrayList;
import java.util.List;

/**
 * The access string that makes an ElastiCache user read-only while the target is locked ({@code elasticache-rbac}).
 * Pure: the adapter only sends it with ModifyUser, and unlock puts the saved string back as it was.
 *
 * <p>The user keeps its own rules (key and channel patterns, the commands it had) and loses {@code @write}, so it can
 * do exactly what it could before minus writing: never more, which a fixed {@code +@read} list would give a user that
 * had only a few commands. Selectors go, since Redis 7 allows a command when the root or any selector allows it.
 * Commands outside {@code @write} that could replace the data (REPLICAOF, DEBUG, CONFIG, ...) are refused by
 * ElastiCache itself. A user that is off stays as it is: it cannot write anyway.
 */
public final class ReadOnlyAccess {
    private static final String NO_WRITES = "-@write";

    private ReadOnlyAccess() {
    }

    /** The read-only form of {@code accessString}; the string itself when the user is off. */
    public static String of(String accessString) {
        List<String> rules = rules(accessString);
        if (!enabled(rules)) {
            return accessString;
        }
        List<String> readOnly = new ArrayList<>(rules.stream().filter(rule -> !rule.startsWith("(")).toList());
        readOnly.add(NO_WRITES);
        return String.join(" ", readOnly);
    }

    /** True when the user can log in: the last of {@code on} and {@code off} wins, neither means off (as in Redis). */
    public static boolean enabled(String accessString) {
        return enabled(rules(accessString));
    }

    private static List<String> rules(String accessString) {
        return AclUser.split(accessString.trim().replaceAll("\\s+", " "));
    }

    private static boolean enabled(List<String> rules) {
        boolean on = false;
        for (String rule : rules) {
            if (rule.equalsIgnoreCase("on")) {
                on = true;
            } else if (rule.equalsIgnoreCase("off")) {
                on = false;
            }
        }
        return on;
    }
}
