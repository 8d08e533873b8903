package dev.redismigrate.core.verify;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import java.util.function.Consumer;

/**
 * Compares the source and the target. Implemented with Jedis in {@code redis-io}; called by {@code redis-migrate
 * verify} and by the lifecycle before it finishes a migration.
 */
public interface Verifier {
    /**
     * Blocks until done; throws {@link VerificationFailedException} when a server cannot be read (and when the
     * calling thread is interrupted).
     */
    VerificationReport verify(RedisEndpoint source, RedisEndpoint target, VerifyOptions options,
                              Consumer<VerifyProgress> progress);
}
