package dev.redismigrate.core.endpoint;

/** A password reference that cannot be read. The message names the reference, never a secret. */
public class SecretUnavailableException extends RuntimeException {
    public SecretUnavailableException(String message) {
        super(message);
    }
}
