package dev.redismigrate.cli;

import dev.redismigrate.core.usecase.FinishGate;
import dev.redismigrate.core.usecase.VerificationFinishGate;
import dev.redismigrate.redisio.verify.JedisVerifier;

/**
 * {@code --verify MODE}: the verification a migration must pass before it finishes, or none; over a Redis Cluster
 * source or target too (every primary read).
 */
public final class FinishGates {
    private FinishGates() {
    }

    public static FinishGate parse(String mode, LocalServices services) {
        return VerificationFinishGate.forMode(mode, new JedisVerifier(services.secrets()));
    }
}
