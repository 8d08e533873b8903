package dev.redismigrate.core.verify;

/** The verification could not run to the end (unreachable server, refused command...); one line, no secrets. */
public class VerificationFailedException extends RuntimeException {
    public VerificationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
