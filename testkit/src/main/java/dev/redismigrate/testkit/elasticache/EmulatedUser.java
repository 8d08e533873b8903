package dev.redismigrate.testkit.elasticache;

import java.time.Duration;
import java.util.List;

/** One ElastiCache user as the emulated service holds it (the password is kept only to apply it to servers). */
final class EmulatedUser {
    final String userId;
    final String userName;
    final String engine;
    String accessString;
    List<String> rules;
    /** Null: NoPasswordRequired. */
    String password;
    final Settling settling;
    boolean deleting;

    EmulatedUser(String userId, String userName, String engine, String password, String accessString,
                 Duration settle) {
        this.userId = userId;
        this.userName = userName;
        this.engine = engine;
        this.password = password;
        this.accessString = accessString;
        this.rules = AccessStrings.rules(accessString);
        this.settling = new Settling(settle);
    }

    String status() {
        if (deleting) {
            return "deleting";
        }
        return settling.busy() ? "modifying" : "active";
    }

    /** Deleted, and the deletion is over: DescribeUsers no longer lists it. */
    boolean gone() {
        return deleting && !settling.busy();
    }

    @Override
    public String toString() {
        return "user " + userId + " (" + userName + ")"; // never the password
    }
}
