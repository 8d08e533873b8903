package dev.redismigrate.cli.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret a console bound to a non-loopback address asks for: 256 random bits, new at every start, printed once on
 * the console's own output and never logged or stored. {@link #toString()} does not show it.
 */
final class ConsoleToken {
    private final String value;

    private ConsoleToken(String value) {
        this.value = value;
    }

    static ConsoleToken random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new ConsoleToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Compared in constant time, so that timing does not reveal how much of a guess was right. */
    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    /** The token itself, for the one line that prints the address to open. */
    String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "ConsoleToken[***]";
    }
}
