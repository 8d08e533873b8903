package dev.redismigrate.core.endpoint;

/** A Redis URI the user typed cannot be used; the message is one line, without the password. */
public class InvalidRedisUriException extends IllegalArgumentException {
    public InvalidRedisUriException(String message) {
        super(message);
    }
}
