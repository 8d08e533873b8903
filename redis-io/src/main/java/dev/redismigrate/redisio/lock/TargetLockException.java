package dev.redismigrate.redisio.lock;

/** The target's ACL could not be read or changed as the lock needs. One line, without passwords or hashes. */
public class TargetLockException extends RuntimeException {
    public TargetLockException(String message) {
        super(message);
    }

    public TargetLockException(String message, Throwable cause) {
        super(message, cause);
    }
}
