package dev.redismigrate.core.endpoint;

/** A password reference of a kind this installation does not read (e.g. {@code env:} in the cloud); bad input. */
public final class SecretRefusedException extends RuntimeException {
    public SecretRefusedException(String message) {
        super(message);
    }
}
