package dev.redismigrate.core.validation;

/**
 * How far a connection to one Redis got. Everything but {@link #REACHABLE} means no other fact could be gathered;
 * the probe's {@code problem} text says what exactly happened.
 */
public enum Reachability {
    /** Connected, the port speaks Redis, and we are authenticated. */
    REACHABLE,
    /** The host name does not resolve. */
    DNS,
    /** Nothing listens on the port (or a firewall rejects the connection). */
    REFUSED,
    /** No TCP connection, or no answer, within the timeout (a firewall dropping packets, a stalled host). */
    TIMEOUT,
    /** Any other network failure (no route to host, connection reset). */
    UNREACHABLE,
    /** The TLS handshake failed (rediss:// to a plain port, an untrusted certificate). */
    TLS,
    /** The port answers, but not in Redis protocol (HTTP, SSH, ...). */
    NOT_REDIS,
    /** Redis answers but refuses this client (protected mode, max clients). */
    REJECTED,
    /** The server wants a password and none was given. */
    AUTH_REQUIRED,
    /** The password or user was refused. */
    AUTH_FAILED,
    /** The password reference could not be read, so nothing was tried. */
    PASSWORD_UNAVAILABLE;

    /** The network got us to a server (whatever it then said). */
    public boolean connected() {
        return this == REACHABLE || this == NOT_REDIS || this == REJECTED || this == AUTH_REQUIRED || this == AUTH_FAILED;
    }

    /** The server is a Redis (we got at least one Redis reply). */
    public boolean speaksRedis() {
        return this == REACHABLE || this == REJECTED || this == AUTH_REQUIRED || this == AUTH_FAILED;
    }
}
