package dev.redismigrate.cli;

import dev.redismigrate.core.usecase.FinishGate;
import dev.redismigrate.core.usecase.VerificationFinishGate;
import dev.redismigrate.redisio.verify.ClusterSourceGate;
import dev.redismigrate.redisio.verify.JedisVerifier;

/**
 * {@code --verify MODE}: the verification a migration must pass before it finishes, or none; over a Redis Cluster
 * source, the sync's own key counts ({@link ClusterSourceGate}).
 */
public final class FinishGates {
    private FinishGates() {
    }

    public static FinishGate parse(String mode, LocalServices services) {
        return ClusterSourceGate.around(VerificationFinishGate.forMode(mode, new JedisVerifier(services.secrets())),
                services.secrets());
    }
}
