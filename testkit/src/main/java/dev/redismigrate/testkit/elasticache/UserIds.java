package dev.redismigrate.testkit.elasticache;

import java.util.regex.Pattern;

/**
 * What CreateUser accepts as a user id and a user name. The API reference gives the id's pattern
 * ({@code [a-zA-Z][a-zA-Z0-9\-]*}, at least one character) and no more; the 40-character bound and the refusal of a
 * trailing or doubled hyphen are the rules ElastiCache applies to its other identifiers and that the CDK's user
 * construct checks (assumed, see docs/elasticache-emulation.md). A user name must not hold a space (it becomes an ACL
 * user name).
 */
final class UserIds {
    private static final Pattern USER_ID = Pattern.compile("[a-zA-Z][a-zA-Z0-9]*(-[a-zA-Z0-9]+)*");
    private static final int MAX_USER_ID_LENGTH = 40;

    private UserIds() {
    }

    /** InvalidParameterValue unless both are acceptable. */
    static void require(String userId, String userName) {
        if (userId == null || userId.length() > MAX_USER_ID_LENGTH || !USER_ID.matcher(userId).matches()) {
            throw ApiFaults.invalidParameter("User id " + userId + " is not valid: it must begin with a letter, hold"
                    + " only letters, digits and single hyphens, not end with a hyphen, and have at most "
                    + MAX_USER_ID_LENGTH + " characters.");
        }
        if (userName == null || userName.isEmpty() || userName.chars().anyMatch(Character::isWhitespace)) {
            throw ApiFaults.invalidParameter("User name '" + userName + "' is not valid: it must not be empty or"
                    + " hold a space.");
        }
    }
}
