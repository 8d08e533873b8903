package dev.redismigrate.core.endpoint;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory home of {@link SecretRef.ProcessOnly} passwords: they live as long as this process, never on disk. */
public final class ProcessSecrets {
    private static final Map<String, String> SECRETS = new ConcurrentHashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ProcessSecrets() {
    }

    static String newKey() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static void remember(String key, String value) {
        SECRETS.put(key, value);
    }

    static Optional<String> lookup(String key) {
        return Optional.ofNullable(SECRETS.get(key));
    }

    /** The password of an in-process reference, if this process was given it. */
    public static String value(SecretRef.ProcessOnly ref) {
        if (ref.value() != null) {
            return ref.value();
        }
        return lookup(ref.key()).orElseThrow(() -> new SecretUnavailableException(
                "the password was given to the process that created this task;"
                + " give it again with a password file or the REDIS_MIGRATE_*_PASSWORD environment variable"));
    }
}
