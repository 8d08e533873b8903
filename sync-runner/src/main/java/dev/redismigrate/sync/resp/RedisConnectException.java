package dev.redismigrate.sync.resp;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A connection or login failed; the message is one line for the user and never holds a secret. */
public class RedisConnectException extends UncheckedIOException {
    private final boolean credentialsRefused;

    /** The server answered {@code AUTH} with an error. */
    public RedisConnectException(String message) {
        super(message, new IOException(message));
        this.credentialsRefused = true;
    }

    /** The server could not be reached, or the connection broke before it answered. */
    public RedisConnectException(String message, IOException cause) {
        super(message, cause);
        this.credentialsRefused = false;
    }

    /** True when the server refused the credentials (retrying cannot help); false when it could not be reached. */
    public boolean credentialsRefused() {
        return credentialsRefused;
    }
}
