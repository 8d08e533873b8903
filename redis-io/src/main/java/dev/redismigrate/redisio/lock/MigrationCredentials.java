package dev.redismigrate.redisio.lock;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.port.TargetLock.Grant;
import dev.redismigrate.core.task.LockRecord;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The credential of the migration user or of a shard's user: a random password made anew for every lock and regrant,
 * handed out only as a {@link SecretRef.ProcessOnly} so that it is never logged or stored.
 */
final class MigrationCredentials {
    private static final SecureRandom RANDOM = new SecureRandom();

    private MigrationCredentials() {
    }

    /** 64 hex digits: within ElastiCache's password rules (16 to 128 printable characters, no space, " or @). */
    static String newPassword() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    /** The target endpoint as {@code user} (the migration user or a shard's user) with {@code password}. */
    static Grant grant(RedisEndpoint target, LockRecord record, String user, String password) {
        return new Grant(record, new RedisEndpoint(target.host(), target.port(), target.tls(), user,
                new SecretRef.ProcessOnly(password)));
    }
}
