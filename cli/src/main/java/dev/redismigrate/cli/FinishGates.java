package dev.redismigrate.cli;

import dev.redismigrate.core.usecase.FinishGate;
import dev.redismigrate.core.usecase.VerificationFinishGate;
import dev.redismigrate.core.verify.VerifyMode;
import dev.redismigrate.core.verify.VerifyOptions;
import dev.redismigrate.redisio.verify.JedisVerifier;

/** {@code --verify MODE}: the verification a migration must pass before it finishes, or none. */
final class FinishGates {
    private FinishGates() {
    }

    static FinishGate parse(String mode, LocalServices services) {
        if (mode.equalsIgnoreCase("none")) {
            return FinishGate.none();
        }
        VerifyOptions options = VerifyOptions.defaults().withMode(VerifyMode.parse(mode));
        return new VerificationFinishGate(new JedisVerifier(services.secrets()), options,
                progress -> { });
    }
}
