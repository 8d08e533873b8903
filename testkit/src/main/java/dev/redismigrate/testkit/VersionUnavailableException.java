package dev.redismigrate.testkit;

/**
 * The version cannot be had on this machine (e.g. no package registry). {@link RedisServers} turns it into a skipped
 * test; plain callers (the demo) get the reason.
 */
public class VersionUnavailableException extends RuntimeException {
    public VersionUnavailableException(String message) {
        super(message);
    }
}
