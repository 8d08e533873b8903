package dev.redismigrate.aws.store;

import dev.redismigrate.core.port.TargetClaim;
import dev.redismigrate.core.store.TargetClaimContract;
import java.time.Clock;
import org.junit.jupiter.api.extension.RegisterExtension;

class DynamoDbTargetClaimIT extends TargetClaimContract {
    @RegisterExtension
    static final Dynalite dynalite = new Dynalite();

    @Override
    protected TargetClaim newClaims() {
        return new DynamoDbTargetClaim(dynalite.client(), dynalite.newTable(), Clock.systemUTC());
    }
}
