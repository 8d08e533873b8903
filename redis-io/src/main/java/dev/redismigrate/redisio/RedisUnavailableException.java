package dev.redismigrate.redisio;

/** A Redis could not be reached or refused our credentials. The message is one line, without secrets. */
public class RedisUnavailableException extends RuntimeException {
    public RedisUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
