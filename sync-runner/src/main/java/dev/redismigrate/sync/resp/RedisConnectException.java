package dev.redismigrate.sync.resp;

import java.io.UncheckedIOException;
import java.io.IOException;

/** A connection or login failed; the message is one line for the user and never holds a secret. */
public class RedisConnectException extends UncheckedIOException {
    public RedisConnectException(String message) {
        super(message, new IOException(message));
    }

    public RedisConnectException(String message, IOException cause) {
        super(message, cause);
    }
}
